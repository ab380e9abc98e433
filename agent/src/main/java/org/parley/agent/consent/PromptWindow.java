package org.parley.agent.consent;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Frame;
import java.awt.GridLayout;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.UIManager;
import org.parley.agent.AgentLog;

/**
 * The prompt's window, built and used on the event thread only. Every way out but the Allow button
 * declines: Decline, Escape, Enter (Decline is the default button and starts with the focus, so
 * keys typed into another application when the prompt pops up cannot allow anything), closing the
 * window. Allow is armed only {@link #ARMING} after the prompt appears, so a click already on its way
 * when the prompt pops up under the pointer does not land on it. There are no mnemonics for the same reason.
 */
final class PromptWindow {
    static final Duration ARMING = Duration.ofMillis(600);
    private static final int TEXT_WIDTH = 420;

    private final Question question;
    private final CompletableFuture<Answer> answer;
    private final long deadline;
    private final JDialog dialog;
    private final JButton allow = new JButton("Allow");
    private final JButton decline = new JButton("Decline");
    private final JLabel countdown = PlainText.label("");
    private final Timer ticks;
    private final Timer arming;

    /** @throws java.awt.HeadlessException if there is no display */
    private PromptWindow(Question question, CompletableFuture<Answer> answer, Duration timeout, Duration armingDelay) {
        this.question = question;
        this.answer = answer;
        this.deadline = System.nanoTime() + timeout.toNanos();
        dialog = new JDialog((Frame) null, "Parley: support request", false);
        dialog.setAlwaysOnTop(true);
        dialog.setResizable(false);
        dialog.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        dialog.setContentPane(content());
        allow.setEnabled(false);
        allow.addActionListener(event -> answer.complete(Answer.ALLOW));
        decline.addActionListener(event -> answer.complete(Answer.DECLINE));
        dialog.getRootPane().setDefaultButton(decline);
        dialog.getRootPane().registerKeyboardAction(event -> answer.complete(Answer.DECLINE),
                KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), JComponent.WHEN_IN_FOCUSED_WINDOW);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent event) {
                decline.requestFocusInWindow();
            }

            @Override
            public void windowClosing(WindowEvent event) {
                answer.complete(Answer.DECLINE);
            }
        });
        dialog.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentMoved(ComponentEvent event) {
                if (allow.isEnabled()) {
                    logPlaces(); // a window manager placed it elsewhere: the old coordinates would miss
                }
            }
        });
        ticks = new Timer(1_000, event -> tick());
        arming = new Timer((int) armingDelay.toMillis(), event -> arm());
        arming.setRepeats(false);
    }

    /** Shows a prompt that completes {@code answer}, and closes it once {@code answer} is complete. */
    static void open(Question question, CompletableFuture<Answer> answer, Duration timeout, Duration arming) {
        PromptWindow window = new PromptWindow(question, answer, timeout, arming);
        window.tick();
        window.dialog.pack();
        window.dialog.setLocationRelativeTo(null);
        window.dialog.setVisible(true);
        window.ticks.start();
        window.arming.start();
        answer.whenComplete((given, failure) -> SwingUtilities.invokeLater(window::close));
    }

    private JPanel content() {
        JTextArea sentence = new JTextArea(question.sentence());
        sentence.setFont(UIManager.getFont("Label.font").deriveFont(Font.BOLD, 16f));
        sentence.setLineWrap(true);
        sentence.setWrapStyleWord(true);
        sentence.setEditable(false);
        sentence.setFocusable(false);
        sentence.setOpaque(false);
        sentence.setSize(new Dimension(TEXT_WIDTH, Short.MAX_VALUE)); // so the preferred height is the wrapped one
        sentence.setPreferredSize(new Dimension(TEXT_WIDTH, sentence.getPreferredSize().height));
        countdown.setForeground(new Color(0x5f6368));
        JPanel text = new JPanel(new GridLayout(0, 1, 0, 4));
        text.add(PlainText.label(question.reassurance()));
        if (!question.keyLine().isEmpty()) {
            JLabel key = PlainText.label(question.keyLine());
            key.setFont(new Font(Font.MONOSPACED, Font.PLAIN, key.getFont().getSize()));
            text.add(key);
        }
        text.add(countdown);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        buttons.add(decline);
        buttons.add(allow);
        allow.setPreferredSize(decline.getPreferredSize());
        JPanel panel = new JPanel(new BorderLayout(0, 12));
        panel.setBorder(BorderFactory.createEmptyBorder(18, 20, 14, 20));
        panel.add(sentence, BorderLayout.NORTH);
        panel.add(text, BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.SOUTH);
        return panel;
    }

    private void tick() {
        long seconds = Math.max(0, (deadline - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
        countdown.setText(String.format("Declined automatically in %d:%02d unless you answer.", seconds / 60, seconds % 60));
    }

    private void arm() {
        if (!dialog.isShowing()) {
            return;
        }
        // centred again at its final size: a first layout can come out screen-sized (fonts not yet
        // measured), which left the packed prompt half off the screen's top-left corner
        dialog.pack();
        dialog.setLocationRelativeTo(null);
        allow.setEnabled(true);
        logPlaces();
    }

    private void logPlaces() {
        Map<String, JButton> buttons = new LinkedHashMap<>();
        buttons.put("allow", allow);
        buttons.put("decline", decline);
        AgentLog.info("consent prompt shown: question=" + question.code() + " " + ButtonPlaces.of(buttons));
    }

    private void close() {
        ticks.stop();
        arming.stop();
        dialog.dispose();
    }
}
