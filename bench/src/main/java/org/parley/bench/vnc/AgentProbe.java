package org.parley.bench.vnc;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileEncoder;

/**
 * The agent's side of the yardstick, in its own JVM with {@code DISPLAY} set (AWT reads it once):
 * captures and encodes the screen exactly as {@code capture-test} does ({@link ScreenCapture},
 * {@link TileEncoder} at the given zlib level, 15 warm-up frames), then one keyframe, then
 * {@code seconds} of delta frames paced at {@code fps} with no periodic keyframe. Prints
 * {@code start} when the measured window begins (so the caller can read /proc CPU counters) and
 * {@code result key=<bytes> bytes=<delta bytes> frames=<ticks> changed=<frames with tiles>
 * nanos=<wall> capture=<ns> encode=<ns>} at its end.
 * {@code java -cp parley-bench.jar org.parley.bench.vnc.AgentProbe <seconds> <fps> <level> [<screenshot.png>]}.
 */
public final class AgentProbe {
    private AgentProbe() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int fps = Integer.parseInt(args[1]);
        int level = Integer.parseInt(args[2]);
        ScreenCapture capture = ScreenCapture.ofDefaultScreen();
        try (TileEncoder encoder = new TileEncoder(level)) {
            for (int i = 0; i < 15; i++) {
                encoder.encode(capture.capture(), i % 3 == 0);
            }
            Frame first = capture.capture();
            if (args.length > 3) { // a screenshot, to see what was measured
                var image = new java.awt.image.BufferedImage(first.width(), first.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
                image.setRGB(0, 0, first.width(), first.height(), first.pixels(), 0, first.width());
                javax.imageio.ImageIO.write(image, "png", new java.io.File(args[3]));
            }
            long key = bytes(encoder.encode(first, true));
            long frameNanos = 1_000_000_000L / fps;
            long bytes = 0;
            long captureNanos = 0;
            long encodeNanos = 0;
            int frames = 0;
            int changed = 0;
            System.out.println("start");
            System.out.flush();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (long next = start; next < end; next += frameNanos) {
                LockSupport.parkNanos(next - System.nanoTime()); // pacing to the frame rate
                long t0 = System.nanoTime();
                Frame frame = capture.capture();
                long t1 = System.nanoTime();
                long b = bytes(encoder.encode(frame, false));
                long t2 = System.nanoTime();
                captureNanos += t1 - t0;
                encodeNanos += t2 - t1;
                bytes += b;
                frames++;
                if (b > 0) {
                    changed++;
                }
            }
            long nanos = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "result key=%d bytes=%d frames=%d changed=%d nanos=%d capture=%d encode=%d%n",
                    key, bytes, frames, changed, nanos, captureNanos, encodeNanos);
            System.out.flush();
        }
    }

    private static long bytes(List<byte[]> bodies) {
        long n = 0;
        for (byte[] body : bodies) {
            n += body.length;
        }
        return n;
    }
}
