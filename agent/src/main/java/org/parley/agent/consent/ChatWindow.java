package org.parley.agent.consent;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.Rectangle;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.text.AbstractDocument;
import javax.swing.text.AttributeSet;
import javax.swing.text.BadLocationException;
import javax.swing.text.DocumentFilter;

/**
 * The chat, in a window of its own docked under the control bar: what was said, with who said it,
 * and a field to answer. A window of its own because it needs the keyboard focus and the bar must
 * never take it (X11 does not reliably honour a window that changes its mind about focus while
 * showing). It takes the focus when the customer opens it, not when a message opens it. Event
 * thread only. The field takes at most {@value PlainText#MAX_CHAT} characters, so the limit is felt
 * while typing rather than by a message cut short after Send; the transcript keeps the newest
 * {@value #KEPT_CHARS} characters or so, because a support session may run for hours.
 */
final class ChatWindow {
    private static final int KEPT_CHARS = 200_000;

    private final JTextArea transcript = new JTextArea(6, 1);
    private final JTextField field = new JTextField(1);
    private final JButton send = new JButton("Send");
    private final JDialog window;
    private final Consumer<String> onSend;

    ChatWindow(Frame bar, Consumer<String> onSend) {
        this.onSend = onSend;
        transcript.setEditable(false);
        transcript.setLineWrap(true);
        transcript.setWrapStyleWord(true);
        ((AbstractDocument) field.getDocument()).setDocumentFilter(new Limit());
        field.addActionListener(event -> send());
        send.addActionListener(event -> send());
        JScrollPane scroll = new JScrollPane(transcript);
        scroll.setPreferredSize(new Dimension(1, 140)); // as wide as the bar, whatever was said
        JPanel answer = new JPanel(new BorderLayout(6, 0));
        answer.add(field, BorderLayout.CENTER);
        answer.add(send, BorderLayout.EAST);
        JPanel panel = new JPanel(new BorderLayout(6, 6));
        panel.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(Color.GRAY),
                BorderFactory.createEmptyBorder(6, 8, 8, 8)));
        panel.add(scroll, BorderLayout.CENTER);
        panel.add(answer, BorderLayout.SOUTH);
        window = new JDialog(bar, "Parley: chat", false);
        window.setUndecorated(true);
        window.setAlwaysOnTop(true);
        window.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        window.setContentPane(panel);
    }

    /** Shows the chat just under {@code bar}; with {@code focus}, ready for typing. */
    void open(Rectangle bar, boolean focus) {
        window.pack();
        window.setBounds(bar.x, bar.y + bar.height, bar.width, window.getPreferredSize().height);
        window.setAutoRequestFocus(focus);
        window.setVisible(true);
        if (focus) {
            window.toFront();
            field.requestFocusInWindow();
        }
        // like the bar's buttons: where a person (or an end-to-end test) clicks to type
        javax.swing.SwingUtilities.invokeLater(() -> {
            var places = new java.util.LinkedHashMap<String, java.awt.Component>();
            places.put("field", field);
            places.put("send", send);
            org.parley.agent.AgentLog.info("chat window shown: " + ButtonPlaces.of(places));
        });
    }

    void close() {
        window.setVisible(false);
    }

    boolean isOpen() {
        return window.isVisible();
    }

    void dispose() {
        window.dispose();
    }

    /** Shows a message {@code from} someone; blank messages are not shown. */
    void received(String from, String text) {
        String clean = PlainText.chat(text);
        if (!clean.isEmpty()) {
            append(PlainText.name(from, PlainText.MAX_NAME, "Someone") + ": " + clean);
        }
    }

    /** Sends what was typed, trimmed; nothing for blank input. */
    private void send() {
        String text = PlainText.chat(field.getText());
        field.setText("");
        if (!text.isEmpty()) {
            append("You: " + text);
            onSend.accept(text);
        }
    }

    private void append(String line) {
        transcript.append(line + "\n");
        int excess = transcript.getDocument().getLength() - KEPT_CHARS;
        if (excess > 0) {
            int lineEnd = transcript.getText().indexOf('\n', excess);
            transcript.replaceRange("", 0, lineEnd < 0 ? excess : lineEnd + 1);
        }
        transcript.setCaretPosition(transcript.getDocument().getLength());
    }

    /** Refuses typing or pasting past the message limit. */
    private static final class Limit extends DocumentFilter {
        @Override
        public void insertString(FilterBypass bypass, int offset, String text, AttributeSet attributes)
                throws BadLocationException {
            replace(bypass, offset, 0, text, attributes);
        }

        @Override
        public void replace(FilterBypass bypass, int offset, int length, String text, AttributeSet attributes)
                throws BadLocationException {
            int room = PlainText.MAX_CHAT - (bypass.getDocument().getLength() - length);
            String fitting = text == null ? null : PlainText.cut(text, Math.max(0, room));
            super.replace(bypass, offset, length, fitting, attributes);
        }
    }
}
