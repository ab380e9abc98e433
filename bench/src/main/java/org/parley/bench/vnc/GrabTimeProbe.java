package org.parley.bench.vnc;

import java.util.Arrays;
import java.util.Locale;
import org.parley.agent.screen.ScreenCapture;

/**
 * Times full-screen grabs ({@link ScreenCapture#capture()}) in a JVM with {@code DISPLAY} set: first
 * through the X11 path (XShm), then with Robot, each after 20 warm-up grabs, and ticks on the
 * unchanged screen through the X11 path. Prints one line each and {@code done}. Part of {@link CaptureIdleBench}.
 */
public final class GrabTimeProbe {
    private GrabTimeProbe() {
    }

    public static void main(String[] args) throws Exception {
        int grabs = Integer.parseInt(args[0]);
        try (ScreenCapture x11 = ScreenCapture.ofDefaultScreen()) {
            print(x11, grabs);
            idleTicks(x11, grabs);
        }
        System.setProperty(ScreenCapture.METHOD_PROPERTY, "robot");
        try (ScreenCapture robot = ScreenCapture.ofDefaultScreen()) {
            print(robot, grabs);
        }
        System.out.println("done");
        System.exit(0); // AWT's threads would keep the JVM alive
    }

    /** Ticks on the unchanged screen: {@link ScreenCapture#captureIfChanged()} finding nothing to grab. */
    private static void idleTicks(ScreenCapture capture, int ticks) {
        long[] nanos = new long[ticks];
        int grabbed = 0;
        for (int i = 0; i < ticks; i++) {
            long t0 = System.nanoTime();
            grabbed += capture.captureIfChanged().isPresent() ? 1 : 0;
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "one tick on the unchanged screen, %s: median %.3f ms, p95 %.3f ms (%d ticks, %d grabbed)%n",
                capture.method(), nanos[ticks / 2] / 1e6, nanos[ticks * 95 / 100] / 1e6, ticks, grabbed);
    }

    private static void print(ScreenCapture capture, int grabs) {
        for (int i = 0; i < 20; i++) {
            capture.capture();
        }
        long[] nanos = new long[grabs];
        for (int i = 0; i < grabs; i++) {
            long t0 = System.nanoTime();
            capture.capture();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "one full 1920×1080 grab, %s: median %.2f ms, p95 %.2f ms (%d grabs)%n",
                capture.method(), nanos[grabs / 2] / 1e6, nanos[grabs * 95 / 100] / 1e6, grabs);
    }
}
