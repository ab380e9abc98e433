package org.parley.screen;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * What the presenter's screen shows in {@link ScreenSharingTest} (a main run in a child JVM):
 * <ul>
 * <li>{@code pattern <record file>}: a window with four coloured blocks the viewer must see, above
 *     a text area that records every button press, key press and text change it receives, one
 *     line each, to the record file;</li>
 * <li>{@code caret}: a full-screen editor whose 2×17 caret blinks every 500 ms;</li>
 * <li>{@code scroll}: a full-screen editor scrolling one line every 100 ms.</li>
 * </ul>
 */
public final class TestDesktop {
    static final Rectangle WINDOW = new Rectangle(100, 200, 640, 400);
    static final int BLOCK_HEIGHT = 120;
    static final int[] BLOCKS = {0xd03030, 0x30a050, 0x3050d0, 0xe0c020};
    private static final Rectangle CARET = new Rectangle(412, 300, 2, 17);

    private TestDesktop() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "pattern" -> pattern(new PrintWriter(new OutputStreamWriter(new FileOutputStream(args[1]), StandardCharsets.UTF_8), true));
            case "caret", "scroll" -> editor(args[0].equals("scroll"));
            default -> throw new IllegalArgumentException("pattern, caret or scroll, got " + args[0]);
        }
    }

    /** The centre of block {@code i}, in screen coordinates. */
    static int blockCentreX(int i) {
        return WINDOW.x + WINDOW.width / BLOCKS.length * i + WINDOW.width / BLOCKS.length / 2;
    }

    static int blockCentreY() {
        return WINDOW.y + BLOCK_HEIGHT / 2;
    }

    private static void pattern(PrintWriter record) throws Exception {
        JComponent blocks = new JComponent() {
            @Override
            protected void paintComponent(Graphics g) {
                int w = getWidth() / BLOCKS.length;
                for (int i = 0; i < BLOCKS.length; i++) {
                    g.setColor(new Color(BLOCKS[i]));
                    g.fillRect(i * w, 0, w, getHeight());
                }
            }
        };
        JTextArea area = new JTextArea();
        area.getCaret().setBlinkRate(0); // a steady caret: the "static screen" measurement must be static
        area.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                record.println("press " + e.getXOnScreen() + " " + e.getYOnScreen() + " " + e.getButton());
            }
        });
        area.addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                record.println("key " + e.getKeyCode());
            }
        });
        area.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                record.println("text " + area.getText().replace("\n", "\\n"));
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                insertUpdate(e);
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
            }
        });
        SwingUtilities.invokeAndWait(() -> {
            JFrame window = new JFrame("pattern");
            window.setUndecorated(true);
            window.setLayout(null);
            blocks.setBounds(0, 0, WINDOW.width, BLOCK_HEIGHT);
            area.setBounds(0, BLOCK_HEIGHT, WINDOW.width, WINDOW.height - BLOCK_HEIGHT);
            window.add(blocks);
            window.add(area);
            window.setBounds(WINDOW);
            window.setVisible(true);
        });
        record.println("ready");
        System.out.println("ready");
    }

    private static void editor(boolean scrolling) throws Exception {
        String text = IntStream.range(0, 5000).mapToObj(i -> String.format(java.util.Locale.ROOT,
                "%05d    for (int i = 0; i < frames.length; i++) { total += frames[i].bytes(); } // line %d", i, i))
                .collect(Collectors.joining("\n"));
        boolean[] caretOn = new boolean[1];
        JTextArea editor = new JTextArea(text) {
            @Override
            protected void paintComponent(Graphics g) {
                super.paintComponent(g);
                if (caretOn[0]) {
                    g.setColor(Color.BLACK);
                    g.fillRect(CARET.x, CARET.y, CARET.width, CARET.height);
                }
            }
        };
        editor.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
        editor.setEditable(false);
        SwingUtilities.invokeAndWait(() -> {
            JScrollPane pane = new JScrollPane(editor);
            JFrame window = new JFrame(scrolling ? "scroll" : "caret");
            window.setUndecorated(true);
            window.add(pane);
            window.setBounds(0, 0, 1920, 1080);
            window.setVisible(true);
            int line = editor.getFontMetrics(editor.getFont()).getHeight();
            new Timer(scrolling ? 100 : 500, e -> {
                if (scrolling) {
                    pane.getVerticalScrollBar().setValue(pane.getVerticalScrollBar().getValue() + line);
                } else {
                    caretOn[0] = !caretOn[0];
                    editor.repaint(CARET);
                }
            }).start();
        });
        System.out.println("ready");
    }
}
