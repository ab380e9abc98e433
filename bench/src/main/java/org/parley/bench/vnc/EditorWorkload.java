package org.parley.bench.vnc;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.swing.JFrame;
import javax.swing.JScrollBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The screen the agent's encoder is measured against (by {@code capture-test} and the VNC
 * yardstick): a full-screen editor showing Java sources, still ({@code static}), with a 2×17 caret
 * blinking every 500 ms ({@code caret}) or scrolling one line every 100 ms ({@code scroll}). Prints {@code ready}
 * once the window has been shown and painted. Run with {@code DISPLAY} set:
 * {@code java -cp parley-bench.jar org.parley.bench.vnc.EditorWorkload static|caret|scroll <source dir>}.
 */
public final class EditorWorkload {
    private static final Rectangle CARET = new Rectangle(412, 300, 2, 17);

    private EditorWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (!mode.equals("static") && !mode.equals("caret") && !mode.equals("scroll")) {
            throw new IllegalArgumentException("mode static|caret|scroll, got " + mode);
        }
        Editor editor = new Editor(sources(Path.of(args[1])));
        SwingUtilities.invokeAndWait(() -> {
            JScrollPane pane = new JScrollPane(editor);
            JFrame window = new JFrame("workload");
            window.setUndecorated(true);
            window.add(pane);
            window.setBounds(0, 0, 1920, 1080);
            window.setVisible(true);
            JScrollBar bar = pane.getVerticalScrollBar();
            int line = editor.getFontMetrics(editor.getFont()).getHeight();
            if (!mode.equals("static")) {
                boolean scrolling = mode.equals("scroll");
                new Timer(scrolling ? 100 : 500, e -> {
                    if (scrolling) {
                        bar.setValue(bar.getValue() + line);
                    } else {
                        editor.blink();
                    }
                }).start();
            }
        });
        Thread.sleep(1500); // let the first paint reach the X server
        SwingUtilities.invokeAndWait(() -> { });
        System.out.println("ready");
        System.out.flush();
    }

    /** A read-only text area with a caret we blink ourselves (Swing's needs focus, which needs a window manager). */
    private static final class Editor extends JTextArea {
        private static final long serialVersionUID = 1L;
        private boolean caretOn;

        Editor(String text) {
            super(text);
            setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
            setEditable(false);
        }

        void blink() {
            caretOn = !caretOn;
            repaint(CARET);
        }

        @Override
        protected void paintComponent(Graphics g) {
            super.paintComponent(g);
            if (caretOn) {
                g.setColor(Color.BLACK);
                g.fillRect(CARET.x, CARET.y, CARET.width, CARET.height);
            }
        }
    }

    private static String sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(EditorWorkload::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
