package org.parley.agent.desktop;

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
 * A screen to measure {@code capture-test} against (not a test): a full-screen editor showing Java
 * sources, with a 2×17 caret blinking every 500 ms ({@code caret}) or scrolling one line every
 * 100 ms ({@code scroll}). Run on an Xvfb display:
 * {@code java -cp <test classpath> org.parley.agent.desktop.DesktopWorkload caret|scroll <source dir>}.
 */
public final class DesktopWorkload {
    private static final Rectangle CARET = new Rectangle(412, 300, 2, 17);

    private DesktopWorkload() {
    }

    public static void main(String[] args) throws Exception {
        boolean scrolling = args[0].equals("scroll");
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
            new Timer(scrolling ? 100 : 500, e -> {
                if (scrolling) {
                    bar.setValue(bar.getValue() + line);
                } else {
                    editor.blink();
                }
            }).start();
        });
    }

    /** A read-only text area with a caret we blink ourselves (Swing's needs focus, which needs a window manager). */
    private static final class Editor extends JTextArea {
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
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(DesktopWorkload::read)
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
