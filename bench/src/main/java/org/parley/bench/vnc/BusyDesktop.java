package org.parley.bench.vnc;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The busy desktop of issue 12, full screen on a 1920×1080 display: a 480×320 window gliding
 * around an ellipse at 30 fps (partly over the terminal), a terminal scrolling 25 coloured lines a
 * second, and a 64×64 marker block that takes the next colour of {@link #PALETTE} every 1.0–1.7 s
 * (about 22 changes in 30 s). Prints {@code ready} once painted, then {@code marker <epoch millis>
 * <rrggbb>} for every change, the time taken just before the change is painted, so a viewer can
 * never show it earlier. Everything is drawn by one component (there is no window manager).
 * Run with {@code DISPLAY} set: {@code java -cp parley-bench.jar org.parley.bench.vnc.BusyDesktop}.
 */
public final class BusyDesktop {
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    /** The marker block; the probe reads its centre. */
    static final Rectangle MARKER = new Rectangle(1800, 40, 64, 64);
    /** Colours far apart, so a lossy encoding still maps each to itself; a colour repeats every 12 changes. */
    static final int[] PALETTE = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0xff00ff, 0x00ffff, 0xffffff, 0xff8000, 0x8000ff,
        0x0080ff, 0xff0080, 0x808080};
    private static final Rectangle TERMINAL = new Rectangle(60, 60, 1000, 900);
    private static final int LINE_HEIGHT = 20;
    private static final int GLIDER_WIDTH = 480;
    private static final int GLIDER_HEIGHT = 320;
    private static final Color[] INK = {new Color(0xe0e0e0), new Color(0x6ee26e), new Color(0xf0c040), new Color(0x70a0ff),
        new Color(0xff7070), new Color(0xd080ff), new Color(0x60e0e0)};
    private static final String[] WORDS = {"GET", "/api/v1/meetings", "200", "OK", "relay", "tile", "frame", "ms", "INFO", "WARN",
        "session", "epoch", "key", "participant", "joined", "bytes", "sent", "queue", "encoder", "x264", "zlib", "copy-rect"};

    private BusyDesktop() {
    }

    public static void main(String[] args) throws Exception {
        Scene scene = new Scene(new Random(12));
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame("busy desktop");
            frame.setUndecorated(true);
            frame.add(scene);
            frame.setBounds(0, 0, WIDTH, HEIGHT);
            frame.setVisible(true);
            new Timer(1000 / 30, e -> scene.glide()).start();
            new Timer(1000 / 25, e -> scene.scroll()).start();
        });
        Thread.sleep(1500); // let the first paint reach the X server
        SwingUtilities.invokeAndWait(() -> { });
        System.out.println("ready");
        System.out.flush();
        Random schedule = new Random(22);
        for (int change = 0; ; change++) {
            Thread.sleep(1000 + schedule.nextInt(700));
            int rgb = PALETTE[change % PALETTE.length];
            SwingUtilities.invokeAndWait(() -> {
                long at = System.currentTimeMillis();
                scene.marker = new Color(rgb);
                scene.paintImmediately(MARKER);
                Toolkit.getDefaultToolkit().sync();
                System.out.printf(Locale.ROOT, "marker %d %06x%n", at, rgb);
                System.out.flush();
            });
        }
    }

    /** The whole screen; each timer repaints only what it changed. */
    private static final class Scene extends JComponent {
        private static final long serialVersionUID = 1L;
        private final transient Random random;
        private final transient Deque<String> lines = new ArrayDeque<>();
        private final transient Deque<Color> colours = new ArrayDeque<>();
        private final transient BufferedImage glider = gliderImage();
        private final Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 16);
        private final Rectangle window = new Rectangle(0, 0, GLIDER_WIDTH, GLIDER_HEIGHT);
        private long ticks;
        private int lineNumber;
        Color marker = new Color(PALETTE[PALETTE.length - 1]);

        Scene(Random random) {
            this.random = random;
            setOpaque(true);
            for (int i = 0; i < TERMINAL.height / LINE_HEIGHT; i++) {
                addLine();
            }
            place();
        }

        void glide() {
            Rectangle before = new Rectangle(window);
            ticks++;
            place();
            repaint(before.union(window));
        }

        void scroll() {
            addLine();
            repaint(TERMINAL);
        }

        /** Around an ellipse once every 8 s, over the right half and into the terminal, never near the marker. */
        private void place() {
            double angle = 2 * Math.PI * ticks / 240.0;
            int cx = 1300 + (int) Math.round(450 * Math.cos(angle));
            int cy = 620 + (int) Math.round(230 * Math.sin(angle));
            window.setLocation(cx - GLIDER_WIDTH / 2, cy - GLIDER_HEIGHT / 2);
        }

        private void addLine() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%06d ", ++lineNumber));
            int words = 4 + random.nextInt(10);
            for (int i = 0; i < words; i++) {
                line.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            lines.addLast(line.toString());
            colours.addLast(INK[random.nextInt(INK.length)]);
            while (lines.size() > TERMINAL.height / LINE_HEIGHT) {
                lines.removeFirst();
                colours.removeFirst();
            }
        }

        @Override
        protected void paintComponent(Graphics g) {
            g.setColor(new Color(0x2d3e50));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(new Color(0x101010));
            g.fillRect(TERMINAL.x, TERMINAL.y, TERMINAL.width, TERMINAL.height);
            g.setFont(mono);
            int y = TERMINAL.y + LINE_HEIGHT - 4;
            var ink = colours.iterator();
            for (String line : lines) {
                g.setColor(ink.next());
                g.drawString(line, TERMINAL.x + 8, y);
                y += LINE_HEIGHT;
            }
            g.drawImage(glider, window.x, window.y, null);
            g.setColor(marker);
            g.fillRect(MARKER.x, MARKER.y, MARKER.width, MARKER.height);
        }

        /** A window's worth of content: title bar, a gradient "photo" and some text, drawn once. */
        private static BufferedImage gliderImage() {
            var image = new BufferedImage(GLIDER_WIDTH, GLIDER_HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(0xf4f4f4));
            g.fillRect(0, 0, GLIDER_WIDTH, GLIDER_HEIGHT);
            g.setColor(new Color(0x3060a0));
            g.fillRect(0, 0, GLIDER_WIDTH, 28);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Quarterly report — draft.odt", 10, 19);
            g.setPaint(new GradientPaint(20, 40, new Color(0xff9a3c), 220, 200, new Color(0x3c8aff)));
            g.fillRect(20, 44, 200, 160);
            g.setColor(new Color(0x202020));
            g.setFont(new Font(Font.SERIF, Font.PLAIN, 14));
            String[] text = {"Revenue grew in all regions.", "Costs were flat; margins rose.", "Next: hire two engineers,",
                "ship the new encoder, and", "measure it against VNC."};
            for (int i = 0; i < text.length; i++) {
                g.drawString(text[i], 236, 64 + 22 * i);
            }
            for (int i = 0; i < 4; i++) {
                g.drawString("• item " + (i + 1) + ": lorem ipsum dolor sit amet", 20, 230 + 22 * i);
            }
            g.dispose();
            return image;
        }
    }
}
