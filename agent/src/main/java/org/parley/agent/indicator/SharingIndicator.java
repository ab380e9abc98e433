package org.parley.agent.indicator;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

/**
 * A small undecorated, always-on-top window at the top centre of the screen: "Sharing your screen —
 * Alice is in control" (or "no one is in control") and a Stop button. The window never takes the
 * keyboard focus, so a controller's typing goes to the application it is typing into, not here.
 * While someone is in control a "Revoke control" button takes control back with one click. There
 * is no hot key: the window never has the focus, and Java sees no key event meant for another
 * application (a global hot key needs a native keyboard hook). Methods may be called from any thread; Swing work runs on the event thread.
 */
public final class SharingIndicator implements AutoCloseable {
    static final String PREFIX = "Sharing your screen — ";
    static final String NO_ONE = PREFIX + "no one is in control";
    private static final int MAX_NAME = 40;

    private final JFrame window;
    private final JLabel label;
    private final JButton stop;
    private final JButton revoke;

    private SharingIndicator(Runnable onStop, Runnable onRevoke) {
        label = new JLabel(NO_ONE);
        label.setForeground(Color.WHITE);
        label.setFont(label.getFont().deriveFont(Font.BOLD, 14f));
        stop = new JButton("Stop");
        stop.setFocusable(false);
        stop.addActionListener(event -> onStop.run());
        revoke = new JButton("Revoke control");
        revoke.setFocusable(false);
        revoke.setVisible(false);
        revoke.addActionListener(event -> onRevoke.run());
        JPanel buttons = new JPanel(new BorderLayout(6, 0));
        buttons.setOpaque(false);
        buttons.add(revoke, BorderLayout.WEST);
        buttons.add(stop, BorderLayout.EAST);
        JPanel panel = new JPanel(new BorderLayout(12, 0));
        panel.setBackground(new Color(0xb3261e));
        panel.setBorder(BorderFactory.createEmptyBorder(6, 12, 6, 6));
        panel.add(label, BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.EAST);
        window = new JFrame("Parley: sharing your screen");
        window.setUndecorated(true);
        window.setAlwaysOnTop(true);
        window.setFocusableWindowState(false);
        window.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        window.setContentPane(panel);
        say(NO_ONE);
        window.setVisible(true);
    }

    /** Shows {@code text}, resized to fit and kept at the top centre. Event thread only. */
    private void say(String text) {
        label.setText(text);
        revoke.setVisible(!text.equals(NO_ONE));
        window.pack();
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        window.setLocation(screen.x + (screen.width - window.getWidth()) / 2, screen.y);
    }

    /**
     * Shows the indicator; {@code onStop} runs on the event thread when the presenter clicks Stop,
     * {@code onRevoke} when they click "Revoke control".
     *
     * @throws java.awt.HeadlessException if there is no display
     */
    public static SharingIndicator show(Runnable onStop, Runnable onRevoke) {
        return org.parley.agent.consent.EventThread.call(() -> new SharingIndicator(onStop, onRevoke));
    }

    /** Says that {@code name} (a participant's display name, from the roster) is in control. */
    public void controlledBy(String name) {
        String text = PREFIX + displayName(name) + " is in control";
        SwingUtilities.invokeLater(() -> say(text));
    }

    /** Says that no one is in control. */
    public void noController() {
        SwingUtilities.invokeLater(() -> say(NO_ONE));
    }

    /** The text shown now. */
    public String text() {
        return org.parley.agent.consent.EventThread.call(label::getText);
    }

    /** Where the window is on the screen, or empty bounds when it is not showing. */
    public Rectangle bounds() {
        return org.parley.agent.consent.EventThread.call(() -> window.isShowing() ? window.getBounds() : new Rectangle());
    }

    /** Whether the window is on the screen and asks to stay above the others. */
    public boolean isShowingOnTop() {
        return org.parley.agent.consent.EventThread.call(() -> window.isShowing() && window.isAlwaysOnTop());
    }

    /** Where the Stop button is on the screen. */
    public Rectangle stopButtonBounds() {
        return org.parley.agent.consent.EventThread.call(() -> new Rectangle(stop.getLocationOnScreen(), stop.getSize()));
    }

    /** Where the "Revoke control" button is on the screen, or empty bounds while no one is in control. */
    public Rectangle revokeButtonBounds() {
        return org.parley.agent.consent.EventThread.call(() -> revoke.isShowing() ? new Rectangle(revoke.getLocationOnScreen(), revoke.getSize())
                : new Rectangle());
    }

    /** Removes the window. */
    @Override
    public void close() {
        SwingUtilities.invokeLater(window::dispose);
    }

    /**
     * A roster name as we show it: control characters dropped, at most {@value #MAX_NAME}
     * characters. Names come from the server, so they are not trusted to be short or printable
     * (a JLabel would also render HTML, but only when the whole text starts with {@code <html>}).
     */
    static String displayName(String name) {
        String clean = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        if (clean.isEmpty()) {
            return "someone";
        }
        return clean.codePointCount(0, clean.length()) <= MAX_NAME ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, MAX_NAME - 1)) + "…";
    }
}
