package org.parley.agent.consent;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.GridLayout;
import java.awt.Rectangle;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.swing.AbstractButton;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.parley.agent.AgentLog;

/**
 * The customer's bar at the top centre of the screen for the whole support session: who they are
 * talking to, the verification code to compare with the technician's, who controls the mouse and
 * keyboard, and buttons to pause viewing, take control back and end the session, over a chat that
 * opens under it when the customer asks or a message arrives. It stays above other windows and has no
 * close button. The bar never takes the keyboard focus, so a controller's typing goes to the
 * application it is meant for; only the chat does, when the customer opens it. The bar is red while
 * the screen is viewed, grey while paused.
 * <p>
 * The bar has a fixed size and its buttons never move when texts change; their places are logged as
 * {@code control bar shown: pause=x,y,w,h end=… takeBack=… chat=…} when it appears and again if it moves.
 * Update methods may be called from any thread.
 */
public final class ControlBar implements AutoCloseable {
    static final int WIDTH = 660;
    static final Color LIVE = new Color(0xb3261e);
    static final Color PAUSED = new Color(0x44474e);
    private static final int MAX_CODE = 40;

    /** What the customer clicked; called on the Swing event thread, so hand long work to another thread. */
    public interface Listener {
        /** The customer paused viewing ({@code true}) or resumed it ({@code false}). */
        void onPause(boolean paused);

        /** The customer clicked "Take back control". */
        void onTakeBackControl();

        /** The customer clicked "End session". */
        void onEndSession();

        /** The customer sent a chat message: trimmed, not blank, at most 4,000 characters. */
        void onSendChat(String text);
    }

    private final JFrame window = new JFrame("Parley: support session");
    private final JPanel bar = new JPanel(new BorderLayout(0, 6));
    private final JLabel title = whiteLabel(Font.BOLD);
    private final JLabel control = whiteLabel(Font.PLAIN);
    private final JLabel status = whiteLabel(Font.PLAIN);
    private final JButton pause = button("Pause viewing");
    private final JButton takeBack = button("Take back control");
    private final JButton chatToggle = button("Chat");
    private final JButton end = button("End session");
    private final ChatWindow chat;
    private String technician;
    private String code = "";
    private boolean paused;
    private String loggedPlaces = "";

    private ControlBar(String technician, Listener listener) {
        this.technician = technician;
        this.chat = new ChatWindow(window, listener::onSendChat);
        pause.addActionListener(event -> {
            paused = !paused;
            showPaused();
            listener.onPause(paused);
        });
        takeBack.addActionListener(event -> listener.onTakeBackControl());
        end.addActionListener(event -> listener.onEndSession());
        chatToggle.addActionListener(event -> openChat(!chat.isOpen(), true));
        fixWidth(pause, "Resume viewing");
        fixWidth(chatToggle, "Hide chat");
        takeBack.setEnabled(false);
        control.setText("No one controls your mouse and keyboard.");
        status.setText(" ");
        window.setContentPane(content());
        window.setUndecorated(true);
        window.setAlwaysOnTop(true);
        window.setAutoRequestFocus(false);
        window.setFocusableWindowState(false);
        window.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent event) {
                logPlaces();
            }
        });
        window.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentMoved(ComponentEvent event) {
                logPlaces();
            }
        });
        showPaused();
        layOut();
        window.setVisible(true);
    }

    /**
     * Shows the bar for a session with {@code technician} (their account name, from the server).
     *
     * @throws java.awt.HeadlessException if there is no display
     */
    public static ControlBar show(String technician, Listener listener) {
        return EventThread.call(() -> new ControlBar(technician, listener));
    }

    /** Names the technician now in charge (after a transfer). */
    public void setTechnician(String name) {
        later(() -> {
            technician = name;
            showTitle();
        });
    }

    /** Shows the verification code both ends must see alike; it changes whenever someone joins or leaves. */
    public void setCode(String verificationCode) {
        later(() -> {
            code = PlainText.name(verificationCode, MAX_CODE, "");
            showTitle();
        });
    }

    /** Says that {@code name} controls the mouse and keyboard, and offers "Take back control". */
    public void controlledBy(String name) {
        later(() -> {
            control.setText(PlainText.name(name, PlainText.MAX_NAME, "Someone") + " controls your mouse and keyboard.");
            takeBack.setEnabled(true);
        });
    }

    /** Says that no one controls this computer. */
    public void noController() {
        later(() -> {
            control.setText("No one controls your mouse and keyboard.");
            takeBack.setEnabled(false);
        });
    }

    /** Shows a chat message {@code from} someone, opening the chat if it is closed; blank messages are dropped. */
    public void addChat(String from, String text) {
        later(() -> {
            chat.received(from, text);
            openChat(true, false);
        });
    }

    /** A line about the connection, e.g. "Reconnecting…"; blank clears it. */
    public void setStatus(String text) {
        later(() -> status.setText(PlainText.name(text, 100, " ")));
    }

    /** Removes the bar. */
    @Override
    public void close() {
        later(() -> {
            chat.dispose();
            window.dispose();
        });
    }

    private JPanel content() {
        JPanel texts = new JPanel(new GridLayout(0, 1, 0, 2));
        texts.setOpaque(false);
        texts.add(title);
        texts.add(control);
        texts.add(status);
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        left.setOpaque(false);
        left.add(pause);
        left.add(takeBack);
        left.add(chatToggle);
        JPanel buttons = new JPanel(new BorderLayout());
        buttons.setOpaque(false);
        buttons.add(left, BorderLayout.WEST);
        buttons.add(end, BorderLayout.EAST);
        bar.setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
        bar.add(texts, BorderLayout.CENTER);
        bar.add(buttons, BorderLayout.SOUTH);
        return bar;
    }

    private void showTitle() {
        String with = "Support session with " + PlainText.name(technician, PlainText.MAX_NAME, "your technician");
        title.setText(with + (paused ? " (viewing paused)" : "") + (code.isEmpty() ? "" : " · code " + code));
    }

    private void showPaused() {
        pause.setText(paused ? "Resume viewing" : "Pause viewing");
        bar.setBackground(paused ? PAUSED : LIVE);
        showTitle();
    }

    /** Opens the chat under the bar, taking the keyboard focus if the customer asked for it, or closes it. */
    private void openChat(boolean open, boolean focus) {
        if (open) {
            chat.open(window.getBounds(), focus);
        } else {
            chat.close();
        }
        chatToggle.setText(open ? "Hide chat" : "Chat");
    }

    /** Fixed width at the top centre, so the buttons stay where the log said they are. */
    private void layOut() {
        window.pack();
        window.setSize(WIDTH, window.getPreferredSize().height);
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        window.setLocation(screen.x + (screen.width - WIDTH) / 2, screen.y);
    }

    private void logPlaces() {
        if (!window.isShowing()) {
            return;
        }
        Map<String, AbstractButton> buttons = new LinkedHashMap<>();
        buttons.put("pause", pause);
        buttons.put("end", end);
        buttons.put("takeBack", takeBack);
        buttons.put("chat", chatToggle);
        String places = ButtonPlaces.of(buttons);
        if (!places.equals(loggedPlaces)) {
            loggedPlaces = places;
            AgentLog.info("control bar shown: " + places);
        }
    }

    /** A button sized for its longest text, so toggling it does not shift its neighbours. */
    private static void fixWidth(JButton button, String longer) {
        String text = button.getText();
        Dimension now = button.getPreferredSize();
        button.setText(longer);
        Dimension other = button.getPreferredSize();
        button.setText(text);
        button.setPreferredSize(new Dimension(Math.max(now.width, other.width), Math.max(now.height, other.height)));
    }

    private static JButton button(String text) {
        JButton button = new JButton(text);
        button.setFocusable(false);
        return button;
    }

    private static JLabel whiteLabel(int style) {
        JLabel label = PlainText.label("");
        label.setForeground(Color.WHITE);
        label.setFont(label.getFont().deriveFont(style, 13f));
        return label;
    }

    private static void later(Runnable work) {
        SwingUtilities.invokeLater(work);
    }
}
