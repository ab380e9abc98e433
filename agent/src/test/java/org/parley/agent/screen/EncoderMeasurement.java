package org.parley.agent.screen;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Not a test: bytes and encode time of {@link TileEncoder} on 1920×1080 screens drawn off-screen
 * with Java 2D, frame by frame at 30 fps: {@code busy}, the busy desktop of issue 12 (the scene of
 * the bench's {@code BusyDesktop}: a 480×320 window gliding around an ellipse, a terminal
 * scrolling 25 coloured lines a second, a marker changing colour every 1.0–1.7 s), and
 * {@code editor}, a full-screen editor of source text scrolling one line a frame. One keyframe, then
 * change frames; the keyframe is counted in the total. Run from the agent module's folder:
 * {@code java -cp <test classpath> org.parley.agent.screen.EncoderMeasurement [busy|editor] [seconds]}.
 */
public final class EncoderMeasurement {
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    static final int FPS = 30;

    private EncoderMeasurement() {
    }

    /** What one run of an encoder over a workload sent and cost. */
    record Result(String encoder, int frames, long bytes, long keyframeBytes, double msPerFrame, double maxMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-28s %4d frames  keyframe %7.1f KB  changes %6.1f KB/frame  "
                    + "total %6.2f MB (%5.2f MB per 30 s)  encode %5.2f ms/frame (max %5.1f)", encoder, frames,
                    keyframeBytes / 1000.0, (bytes - keyframeBytes) / 1000.0 / (frames - 1), bytes / 1e6,
                    bytes / 1e6 * 30.0 * FPS / frames, msPerFrame, maxMs);
        }
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "busy";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<int[]> frames = render(workload, seconds * FPS);
        System.out.println(workload + ": " + frames.size() + " frames rendered");
        for (int round = 0; round < 2; round++) {
            System.out.println("round " + round + (round == 0 ? " (warm-up)" : ""));
            measure("RAW+SOLID, level 1", frames, f -> new TileEncoder(1, 0));
            measure("+PALETTE, level 1", frames, f -> new TileEncoder(1, TileEncoder.USE_PALETTE));
            measure("+PALETTE+COPY, level 1", frames, f -> new TileEncoder(1, TileEncoder.USE_ALL));
            measure("+PALETTE+COPY, level 3", frames, f -> new TileEncoder(3, TileEncoder.USE_ALL));
            measure("+PALETTE+COPY, level 6", frames, f -> new TileEncoder(6, TileEncoder.USE_ALL));
        }
    }

    static Result measure(String name, List<int[]> frames, Function<Void, TileEncoder> factory) {
        long bytes = 0;
        long keyBytes = 0;
        long nanos = 0;
        long max = 0;
        try (TileEncoder encoder = factory.apply(null); TileDecoder decoder = new TileDecoder()) {
            for (int i = 0; i < frames.size(); i++) {
                Frame frame = new Frame(WIDTH, HEIGHT, frames.get(i).clone());
                long t0 = System.nanoTime();
                List<byte[]> bodies = encoder.encode(frame, i == 0);
                long t = System.nanoTime() - t0;
                nanos += t;
                max = Math.max(max, t);
                for (byte[] body : bodies) {
                    bytes += body.length + 1;
                    if (i == 0) {
                        keyBytes += body.length + 1;
                    }
                    decoder.apply(body);
                }
                if (i % 50 == 0) {
                    int[] got = decoder.snapshot().orElseThrow().pixels();
                    int at = java.util.Arrays.mismatch(got, frames.get(i));
                    if (at >= 0) {
                        throw new AssertionError(String.format(Locale.ROOT, "%s: frame %d does not round-trip at (%d,%d): %08x, not %08x",
                                name, i, at % WIDTH, at / WIDTH, got[at], frames.get(i)[at]));
                    }
                }
            }
        } catch (MalformedTilesException | KeyframeNeededException e) {
            throw new AssertionError(e);
        }
        Result result = new Result(name, frames.size(), bytes, keyBytes, nanos / 1e6 / frames.size(), max / 1e6);
        System.out.println(result);
        return result;
    }

    static List<int[]> render(String workload, int count) {
        List<int[]> frames = new ArrayList<>();
        if (workload.equals("editor")) {
            Editor editor = new Editor();
            for (int i = 0; i < count; i++) {
                frames.add(editor.paint(i));
            }
        } else {
            BusyScene scene = new BusyScene(new Random(12));
            Random schedule = new Random(22);
            double nextMarker = 1.0 + schedule.nextInt(700) / 1000.0;
            int change = 0;
            for (int i = 0; i < count; i++) {
                double t = (double) i / FPS;
                scene.glideTo(i);
                scene.scrollTo((int) (t * 25));
                if (t >= nextMarker) {
                    scene.marker = new Color(BusyScene.PALETTE[change++ % BusyScene.PALETTE.length]);
                    nextMarker += 1.0 + schedule.nextInt(700) / 1000.0;
                }
                frames.add(scene.paint());
            }
        }
        for (int[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] &= 0xffffff;
            }
        }
        return frames;
    }

    /** The bench's busy desktop, drawn into an image instead of a window (same sizes, colours, motion). */
    static final class BusyScene {
        static final int[] PALETTE = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00, 0xff00ff, 0x00ffff, 0xffffff, 0xff8000,
            0x8000ff, 0x0080ff, 0xff0080, 0x808080};
        private static final Rectangle MARKER = new Rectangle(1800, 40, 64, 64);
        private static final Rectangle TERMINAL = new Rectangle(60, 60, 1000, 900);
        private static final int LINE_HEIGHT = 20;
        private static final Color[] INK = {new Color(0xe0e0e0), new Color(0x6ee26e), new Color(0xf0c040),
            new Color(0x70a0ff), new Color(0xff7070), new Color(0xd080ff), new Color(0x60e0e0)};
        private static final String[] WORDS = {"GET", "/api/v1/meetings", "200", "OK", "relay", "tile", "frame", "ms",
            "INFO", "WARN", "session", "epoch", "key", "participant", "joined", "bytes", "sent", "queue", "encoder", "x264",
            "zlib", "copy-rect"};
        private final Random random;
        private final Deque<String> lines = new ArrayDeque<>();
        private final Deque<Color> colours = new ArrayDeque<>();
        private final BufferedImage glider = gliderImage();
        private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        private final Font mono = new Font(Font.MONOSPACED, Font.PLAIN, 16);
        private final Rectangle window = new Rectangle(0, 0, 480, 320);
        private int lineNumber;
        private int scrolled;
        Color marker = new Color(PALETTE[PALETTE.length - 1]);

        BusyScene(Random random) {
            this.random = random;
            for (int i = 0; i < TERMINAL.height / LINE_HEIGHT; i++) {
                addLine();
            }
        }

        void glideTo(long ticks) {
            double angle = 2 * Math.PI * ticks / 240.0;
            int cx = 1300 + (int) Math.round(450 * Math.cos(angle));
            int cy = 620 + (int) Math.round(230 * Math.sin(angle));
            window.setLocation(cx - window.width / 2, cy - window.height / 2);
        }

        void scrollTo(int linesScrolled) {
            while (scrolled < linesScrolled) {
                addLine();
                scrolled++;
            }
        }

        int[] paint() {
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
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
            g.dispose();
            return ((DataBufferInt) image.getRaster().getDataBuffer()).getData().clone();
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

        private static BufferedImage gliderImage() {
            var image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xf4f4f4));
            g.fillRect(0, 0, 480, 320);
            g.setColor(new Color(0x3060a0));
            g.fillRect(0, 0, 480, 28);
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

    /** A full-screen editor of Java-like source, anti-aliased, scrolled one 19-pixel line a frame. */
    static final class Editor {
        private static final int LINE = 19;
        private final BufferedImage page;

        Editor() {
            Random random = new Random(3);
            String[] tokens = {"public", "final", "class", "int", "return", "private", "static", "void", "(", ")", "{", "}",
                "frame", "encoder", "pixels", "width", "height", "=", ";", "+", "1", "List<byte[]>", "// why, not what"};
            int lines = 60 + 2000 / 2;
            page = new BufferedImage(WIDTH, lines * LINE + HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = page.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xfdfdfd));
            g.fillRect(0, 0, page.getWidth(), page.getHeight());
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 15));
            Color[] inks = {new Color(0x202020), new Color(0x0033b3), new Color(0x067d17), new Color(0x8c8c8c)};
            for (int l = 0; l < lines + HEIGHT / LINE; l++) {
                StringBuilder text = new StringBuilder("    ".repeat(random.nextInt(4)));
                for (int w = random.nextInt(12); w > 0; w--) {
                    text.append(tokens[random.nextInt(tokens.length)]).append(' ');
                }
                g.setColor(inks[random.nextInt(inks.length)]);
                g.drawString(text.toString(), 8, l * LINE + 15);
            }
            g.dispose();
        }

        int[] paint(int frame) {
            return page.getRGB(0, frame * LINE % (page.getHeight() - HEIGHT), WIDTH, HEIGHT, null, 0, WIDTH);
        }
    }
}
