package org.parley.agent.consent;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import org.parley.agent.AgentLog;

/**
 * Shows the customer, once the support session is over, the record of what happened, with "Save…"
 * to keep it as a text file of their choosing and "Close". The text is shown as it is (a plain
 * {@code JTextArea}, never HTML); escaping what came from the network is the record's job.
 * <p>
 * When it appears the log gets {@code session record shown: save=x,y,w,h close=x,y,w,h}.
 */
public final class RecordWindow {
    /** Writes the record to the file the customer chose. */
    @FunctionalInterface
    public interface Saver {
        void save(Path file) throws IOException;
    }

    private final JFrame window = new JFrame("Parley: what happened in your support session");
    private final JButton save = new JButton("Save…");
    private final JButton close = new JButton("Close");
    private final JLabel status = PlainText.label(" ");
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Path suggested;
    private final Saver saver;

    private RecordWindow(String text, Path suggested, Saver saver) {
        this.suggested = suggested;
        this.saver = saver;
        JTextArea shown = new JTextArea(text);
        shown.setEditable(false);
        shown.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        shown.setCaretPosition(0);
        JScrollPane scroll = new JScrollPane(shown);
        scroll.setPreferredSize(new Dimension(820, 420));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(save);
        buttons.add(close);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(status, BorderLayout.CENTER);
        bottom.add(buttons, BorderLayout.EAST);
        JPanel content = new JPanel(new BorderLayout(0, 8));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(PlainText.label("The support session is over. This is what happened; it stays on this computer unless you save it."),
                BorderLayout.NORTH);
        content.add(scroll, BorderLayout.CENTER);
        content.add(bottom, BorderLayout.SOUTH);
        save.addActionListener(event -> chooseAndSave());
        close.addActionListener(event -> window.dispose());
        window.setContentPane(content);
        window.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent event) {
                Map<String, JButton> places = new LinkedHashMap<>();
                places.put("save", save);
                places.put("close", close);
                AgentLog.info("session record shown: " + ButtonPlaces.of(places));
            }

            @Override
            public void windowClosed(WindowEvent event) {
                closed.countDown();
            }
        });
        window.pack();
        window.setLocationRelativeTo(null);
        window.setVisible(true);
    }

    /**
     * Shows {@code text} until the customer closes the window; "Save…" suggests {@code suggested}
     * and hands the chosen file to {@code saver}. Call off the event thread.
     *
     * @throws java.awt.HeadlessException if there is no display
     * @throws InterruptedException if the caller is interrupted; the window is closed then
     */
    public static void showUntilClosed(String text, Path suggested, Saver saver) throws InterruptedException {
        RecordWindow shown = EventThread.call(() -> new RecordWindow(text, suggested, saver));
        try {
            shown.closed.await();
        } catch (InterruptedException e) {
            SwingUtilities.invokeLater(shown.window::dispose);
            throw e;
        }
    }

    private void chooseAndSave() {
        JFileChooser chooser = new JFileChooser(suggested.getParent() == null ? null : suggested.getParent().toFile());
        chooser.setDialogTitle("Save the record of your support session");
        chooser.setSelectedFile(new File(suggested.toString()));
        if (chooser.showSaveDialog(window) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        if (Files.exists(file) && JOptionPane.showConfirmDialog(window, "Replace " + file.getFileName() + "?", "Parley",
                JOptionPane.YES_NO_OPTION) != JOptionPane.YES_OPTION) {
            return;
        }
        try {
            saver.save(file);
            status.setText("Saved to " + file);
            AgentLog.info("the customer saved the session record");
        } catch (IOException | RuntimeException failed) {
            status.setText("Not saved: " + failed.getMessage());
            AgentLog.warn("the session record could not be saved: " + failed);
        }
    }
}
