package org.parley.agent.screen;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/** A deterministic noise pattern (no two neighbours alike, so nothing compresses by accident). */
final class TestPattern {
    /** Where the pattern window sits: deliberately not on tile boundaries. */
    static final Rectangle WINDOW = new Rectangle(130, 70, 300, 200);
    /** The small change: a 2×16 caret, in screen coordinates. */
    static final Rectangle CARET = new Rectangle(WINDOW.x + 150, WINDOW.y + 100, 2, 16);
    static final int CARET_RGB = 0x000000;

    private TestPattern() {
    }

    static int rgb(int x, int y) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA77;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 13;
        return (h & 0xffffff) | 0x010101; // never pure black, the caret's colour
    }

    static BufferedImage image() {
        BufferedImage image = new BufferedImage(WINDOW.width, WINDOW.height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < WINDOW.height; y++) {
            for (int x = 0; x < WINDOW.width; x++) {
                image.setRGB(x, y, rgb(x, y));
            }
        }
        return image;
    }

    /** Whether the window region of {@code frame} shows the pattern, with or without the caret. */
    static boolean shows(Frame frame, boolean caret) {
        for (int y = 0; y < WINDOW.height; y++) {
            for (int x = 0; x < WINDOW.width; x++) {
                if (frame.rgb(WINDOW.x + x, WINDOW.y + y) != expected(x, y, caret)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The pattern pixel at window coordinates ({@code x}, {@code y}). */
    static int expected(int x, int y, boolean caret) {
        return caret && CARET.contains(WINDOW.x + x, WINDOW.y + y) ? CARET_RGB : rgb(x, y);
    }

    /** Shows {@code image} in an undecorated window at {@link #WINDOW}; returns its canvas, for repaints. */
    static JComponent show(BufferedImage image) throws Exception {
        JComponent canvas = new JComponent() {
            @Override
            protected void paintComponent(Graphics g) {
                g.drawImage(image, 0, 0, null);
            }
        };
        canvas.setPreferredSize(new Dimension(WINDOW.width, WINDOW.height));
        SwingUtilities.invokeAndWait(() -> {
            JFrame window = new JFrame("pattern");
            window.setUndecorated(true);
            window.setContentPane(canvas);
            window.pack();
            window.setLocation(WINDOW.x, WINDOW.y);
            window.setVisible(true);
        });
        return canvas;
    }
}
