package org.parley.agent;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code capture-test}: captures and encodes this screen for a while, as sharing would, and prints
 * what it cost. A local measurement; nothing leaves the machine.
 */
@Command(name = "capture-test", mixinStandardHelpOptions = true, description = "Capture and encode this screen for a while and print fps, bytes and times. Sends nothing.")
final class CaptureTestCommand implements Callable<Integer> {
    private static final int WARM_UP_FRAMES = 15;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "How long to measure (1–3600, default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--level", defaultValue = "" + TileEncoder.DEFAULT_LEVEL, description = "zlib level 1–9 (default ${DEFAULT-VALUE}).")
    private int level;

    @Option(names = "--max-fps", defaultValue = "30", description = "Frame rate cap, 0 = as fast as possible (default ${DEFAULT-VALUE}).")
    private int maxFps;

    @Option(names = "--keyframe-every", defaultValue = "10", description = "Seconds between periodic keyframes (default ${DEFAULT-VALUE}).")
    private int keyframeSeconds;

    private final Samples captureTimes = new Samples();
    private final Samples keyframeTimes = new Samples();
    private final Samples keyframeBytes = new Samples();
    private final Samples changeTimes = new Samples();
    private final Samples changeBytes = new Samples();
    private final Samples idleTimes = new Samples();
    private final Samples noGrabTimes = new Samples();

    @Override
    public Integer call() throws AWTException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        if (GraphicsEnvironment.isHeadless()) {
            spec.commandLine().getErr().println("parley-agent: capture-test needs a display; set DISPLAY (e.g. to an Xvfb's)");
            return 1;
        }
        try (ScreenCapture capture = ScreenCapture.ofDefaultScreen()) {
            out.println("capture method: " + capture.method());
            warmUp(capture);
            capture.reuseFrames(); // as the capture loop does: the encoder keeps its own copy
            long frameNanos = maxFps == 0 ? 0 : 1_000_000_000L / maxFps;
            var schedule = new KeyframeSchedule(Duration.ofSeconds(keyframeSeconds), Duration.ofMillis(500));
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            int frames = 0;
            try (TileEncoder encoder = new TileEncoder(level)) {
                for (long next = start; System.nanoTime() < end; next += frameNanos) {
                    LockSupport.parkNanos(next - System.nanoTime()); // pacing to the frame rate, not waiting for a condition
                    measureOne(capture, encoder, schedule.due());
                    frames++;
                }
            }
            report(out, capture, frames, System.nanoTime() - start);
        }
        return 0;
    }

    private void validate() {
        if (seconds < 1 || seconds > 3600 || level < 1 || level > 9 || maxFps < 0 || maxFps > 240 || keyframeSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "need --seconds 1–3600, --level 1–9, --max-fps 0–240, --keyframe-every ≥ 1; got "
                    + seconds + ", " + level + ", " + maxFps + ", " + keyframeSeconds);
        }
    }

    /** JIT warm-up: the first encodes run interpreted and would distort the medians. */
    private void warmUp(ScreenCapture capture) {
        try (TileEncoder encoder = new TileEncoder(level)) {
            for (int i = 0; i < WARM_UP_FRAMES; i++) {
                encoder.encode(capture.capture(), i % 3 == 0);
            }
        }
    }

    /** One tick as the capture loop does it: a keyframe grabs the whole screen, other ticks only what changed. */
    private void measureOne(ScreenCapture capture, TileEncoder encoder, boolean keyframe) {
        long t0 = System.nanoTime();
        Optional<Frame> frame = keyframe ? Optional.of(capture.capture()) : capture.captureIfChanged();
        long t1 = System.nanoTime();
        if (frame.isEmpty()) {
            noGrabTimes.add(t1 - t0);
            return;
        }
        List<byte[]> bodies = encoder.encode(frame.get(), keyframe);
        long t2 = System.nanoTime();
        long bytes = bodies.stream().mapToLong(body -> body.length).sum();
        captureTimes.add(t1 - t0);
        if (keyframe) {
            keyframeTimes.add(t2 - t1);
            keyframeBytes.add(bytes);
        } else if (bytes > 0) {
            changeTimes.add(t2 - t1);
            changeBytes.add(bytes);
        } else {
            idleTimes.add(t2 - t1);
        }
    }

    private void report(PrintWriter out, ScreenCapture capture, int frames, long nanos) {
        var size = capture.bounds();
        out.printf(Locale.ROOT, "screen %d×%d, zlib level %d, %d frames in %.1f s = %.1f fps (cap %s)%n",
                size.width, size.height, level, frames, nanos / 1e9, frames / (nanos / 1e9),
                maxFps == 0 ? "none" : maxFps + " fps");
        out.println("capture:            " + captureTimes.millis());
        out.println("keyframes (" + keyframeTimes.count() + "):      encode " + keyframeTimes.millis() + "; " + keyframeBytes.bytes());
        out.println("changed frames (" + changeTimes.count() + "): encode " + changeTimes.millis() + "; " + changeBytes.bytes());
        out.println("unchanged frames (" + idleTimes.count() + "): compare " + idleTimes.millis() + "; nothing sent");
        out.println("ticks with nothing drawn (" + noGrabTimes.count() + "): look " + noGrabTimes.millis()
                + "; no grab, no encode");
        out.flush();
    }
}
