package org.parley.agent.start;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.Point;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.parley.agent.AgentLog;

/**
 * The first thing a support customer sees: a small window asking for the support key, with the
 * technician's server already filled in where the download or link said which it is. Start checks
 * what was typed (a clear sentence under the fields if something is wrong) and hands the key to the
 * {@link Listener} on a thread of its own; the window stays, saying it is connecting, until the
 * session is joined ({@link #close}) or fails ({@link #failed}, the person can correct and retry).
 * <p>
 * Where its fields and button are is logged as {@code key window shown: key=x,y,w,h server=… start=…},
 * so an end-to-end test can type into it with real key events, as a person would.
 */
public final class KeyWindow {
    /** What the window asks for; called off the Swing event thread. */
    public interface Listener {
        /** Start pressed with a well-formed key (nine digits) and server address. */
        void onStart(String key, URI server);

        /** The window was closed before a session started. */
        void onClosed();
    }

    private static final Color FAILURE = new Color(0xb3261e);
    private final JFrame window = new JFrame("Parley: get help from your technician");
    private final JTextField key = new JTextField(11);
    private final JTextField server = new JTextField(24);
    private final JLabel message = new JLabel(" ");
    private final JButton start = new JButton("Start");
    private final Listener listener;
    private boolean starting;

    private KeyWindow(SupportLink filled, Listener listener) {
        this.listener = listener;
        key.setFont(key.getFont().deriveFont(Font.BOLD, 22f));
        key.getAccessibleContext().setAccessibleName("Support key");
        filled.key().ifPresent(digits -> key.setText(grouped(digits)));
        filled.server().ifPresent(server::setText);
        server.getAccessibleContext().setAccessibleName("Server");
        message.setForeground(FAILURE);

        JLabel keyLabel = new JLabel("Support key (the nine digits your technician gave you):");
        keyLabel.setLabelFor(key);
        JLabel serverLabel = new JLabel("Your technician's Parley server:");
        serverLabel.setLabelFor(server);
        JPanel fields = new JPanel(new GridLayout(0, 1, 0, 4));
        fields.add(keyLabel);
        fields.add(key);
        fields.add(serverLabel);
        fields.add(server);
        fields.add(message);
        JPanel buttons = new JPanel();
        buttons.add(start);
        JPanel content = new JPanel(new BorderLayout(0, 8));
        content.setBorder(BorderFactory.createEmptyBorder(14, 16, 12, 16));
        content.add(fields, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        window.setContentPane(content);
        window.getRootPane().setDefaultButton(start); // Enter in either field is Start
        start.addActionListener(event -> startPressed());
        window.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent event) {
                if (!starting) {
                    Thread.ofPlatform().name("parley-key-window-closed").start(listener::onClosed);
                }
            }

            @Override
            public void windowOpened(WindowEvent event) {
                // centred again at its final size: the first layout can come out before fonts are measured
                // (as the consent prompt found), which left the window in the screen's top-left corner
                window.pack();
                window.setLocationRelativeTo(null);
                (key.getText().isEmpty() || server.getText().isEmpty() ? key.getText().isEmpty() ? key : server : start)
                        .requestFocusInWindow();
                SwingUtilities.invokeLater(() -> {
                    String places = places();
                    AgentLog.info("key window shown: " + places);
                });
            }
        });
        window.pack();
        window.setResizable(false);
        window.setLocationRelativeTo(null);
    }

    /** Shows the window with what {@code filled} carries; call from any thread. */
    public static KeyWindow show(SupportLink filled, Listener listener) {
        KeyWindow[] shown = new KeyWindow[1];
        try {
            SwingUtilities.invokeAndWait(() -> {
                shown[0] = new KeyWindow(filled, listener);
                shown[0].window.setVisible(true);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the key window", e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("cannot open the key window", e.getCause());
        }
        return shown[0];
    }

    /** The key was not taken (or the server not reached): says why and lets the person try again. */
    public void failed(String why) {
        AgentLog.info("key window says: " + why);
        SwingUtilities.invokeLater(() -> {
            starting = false;
            setEditable(true);
            message.setForeground(FAILURE);
            message.setText(why);
            key.requestFocusInWindow();
        });
    }

    /** The session has started (its prompts and control bar take over) or the agent is leaving. */
    public void close() {
        SwingUtilities.invokeLater(() -> {
            starting = true;
            window.dispose();
        });
    }

    private void startPressed() {
        if (starting) {
            return;
        }
        Optional<String> keyProblem = KeyText.problem(key.getText());
        if (keyProblem.isPresent()) {
            message.setForeground(FAILURE);
            message.setText(keyProblem.get());
            key.requestFocusInWindow();
            return;
        }
        Optional<URI> address = serverAddress(server.getText());
        if (address.isEmpty()) {
            message.setForeground(FAILURE);
            message.setText("The server is an address like https://parley.example.org.");
            server.requestFocusInWindow();
            return;
        }
        starting = true;
        setEditable(false);
        message.setForeground(Color.DARK_GRAY);
        message.setText("Connecting to " + address.get().getHost() + "…");
        String digits = KeyText.digits(key.getText());
        Thread.ofPlatform().name("parley-support-start").start(() -> listener.onStart(digits, address.get()));
    }

    private void setEditable(boolean editable) {
        key.setEditable(editable);
        server.setEditable(editable);
        start.setEnabled(editable);
    }

    /** An http(s) origin, as {@code --server} takes it. */
    public static Optional<URI> serverAddress(String text) {
        try {
            URI uri = URI.create(text.strip().replaceAll("/+$", ""));
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String grouped(String digits) {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    private String places() {
        Map<String, Component> parts = new LinkedHashMap<>();
        parts.put("key", key);
        parts.put("server", server);
        parts.put("start", start);
        return parts.entrySet().stream().map(entry -> {
            Point at = entry.getValue().getLocationOnScreen();
            return entry.getKey() + "=" + at.x + "," + at.y + "," + entry.getValue().getWidth() + "," + entry.getValue().getHeight();
        }).collect(Collectors.joining(" "));
    }
}
