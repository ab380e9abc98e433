package org.parley.agent.screen;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.parley.agent.desktop.ChildMain;

/**
 * Child-JVM part of {@link X11CaptureOnXvfbTest}; the first argument after the result file picks the
 * case. Each case says what it saw, one fact a line, and the test asserts the lines.
 */
public final class X11CaptureScenario {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Where the second window appears: away from the pattern, off tile boundaries. */
    static final Rectangle SECOND_WINDOW = new Rectangle(901, 503, 37, 29);

    private X11CaptureScenario() {
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> {
            switch (args[1]) {
                case "pixels" -> pixels(child);
                case "robot" -> {
                    System.setProperty(ScreenCapture.METHOD_PROPERTY, "robot");
                    fallback(child);
                }
                case "fallback" -> fallback(child);
                case "close" -> close(child);
                default -> throw new IllegalArgumentException(args[1]);
            }
        });
    }

    /** Same pixels as Robot, no change on an idle screen, the change after drawing. */
    private static void pixels(ChildMain child) throws Exception {
        BufferedImage image = TestPattern.image();
        JComponent canvas = TestPattern.show(image);
        Robot robot = new Robot();
        try (ScreenCapture capture = ScreenCapture.ofDefaultScreen()) {
            child.say("x11 " + capture.usesX11() + " " + capture.method());
            ChildMain.await(TIMEOUT, "the pattern on screen", () -> TestPattern.shows(capture.capture(), false));
            Frame full = awaitIdle(capture);
            child.say("full grab equals Robot " + sameAsRobot(full, robot, capture.bounds()));
            child.say("idle ticks report " + idleTicks(capture));

            SwingUtilities.invokeAndWait(() -> {
                var caret = TestPattern.CARET;
                Graphics g = image.getGraphics();
                g.setColor(new Color(TestPattern.CARET_RGB));
                g.fillRect(caret.x - TestPattern.WINDOW.x, caret.y - TestPattern.WINDOW.y, caret.width, caret.height);
                g.dispose();
                canvas.repaint();
            });
            Frame withCaret = ChildMain.awaitValue(TIMEOUT, "a change with the caret",
                    () -> capture.captureIfChanged().filter(frame -> TestPattern.shows(frame, true)).orElse(null));
            child.say("caret reported as a change");
            Frame settled = awaitIdle(capture);
            child.say("after the caret equals Robot " + (sameAsRobot(settled, robot, capture.bounds())
                    && Arrays.equals(rgb(withCaret), rgb(settled))));

            SwingUtilities.invokeAndWait(() -> {
                JFrame window = new JFrame("second");
                window.setUndecorated(true);
                JPanel panel = new JPanel();
                panel.setBackground(new Color(0x3366cc));
                panel.setPreferredSize(SECOND_WINDOW.getSize());
                window.setContentPane(panel);
                window.pack();
                window.setLocation(SECOND_WINDOW.getLocation());
                window.setVisible(true);
            });
            ChildMain.awaitValue(TIMEOUT, "the second window reported as a change", () -> capture.captureIfChanged()
                    .filter(frame -> frame.rgb(SECOND_WINDOW.x + 5, SECOND_WINDOW.y + 5) == 0x3366cc).orElse(null));
            child.say("second window reported as a change");
            child.say("after the window equals Robot " + sameAsRobot(awaitIdle(capture), robot, capture.bounds()));
        }
    }

    /** Which capture was chosen, and that it grabs on every tick (Robot cannot tell what changed). */
    private static void fallback(ChildMain child) throws Exception {
        try (ScreenCapture capture = ScreenCapture.ofDefaultScreen()) {
            child.say("x11 " + capture.usesX11() + " " + capture.method());
            Optional<Frame> first = capture.captureIfChanged();
            Optional<Frame> second = capture.captureIfChanged();
            child.say("every tick grabs " + (first.isPresent() && second.isPresent()));
        }
    }

    private static void close(ChildMain child) throws Exception {
        new Robot(); // AWT's own X connection is open before we count sockets
        long sockets = sockets();
        ScreenCapture capture = ScreenCapture.ofDefaultScreen();
        child.say("x11 " + capture.usesX11() + " " + capture.method());
        child.say("while open: shared memory mappings " + sharedMemoryMappings() + ", extra sockets " + (sockets() - sockets));
        capture.close();
        child.say("after close: shared memory mappings " + sharedMemoryMappings() + ", extra sockets " + (sockets() - sockets));
        Frame after = capture.capture();
        child.say("after close it still captures " + (after.width() == capture.bounds().width) + " with " + capture.method());
    }

    /** Waits until a tick reports no change, and returns the frame of the tick before. */
    private static Frame awaitIdle(ScreenCapture capture) throws InterruptedException {
        Frame[] last = {capture.capture()};
        ChildMain.await(TIMEOUT, "an idle screen", () -> {
            Optional<Frame> frame = capture.captureIfChanged();
            frame.ifPresent(f -> last[0] = f);
            return frame.isEmpty();
        });
        return last[0];
    }

    /** Ten ticks, 50 ms apart, on a screen nobody draws on: how many reported a change. */
    private static String idleTicks(ScreenCapture capture) throws InterruptedException {
        int changed = 0;
        for (int i = 0; i < 10; i++) {
            Thread.sleep(50); // the pace of a capture loop, not a wait for a condition
            changed += capture.captureIfChanged().isPresent() ? 1 : 0;
        }
        return changed + " changes in 10";
    }

    private static boolean sameAsRobot(Frame frame, Robot robot, Rectangle bounds) {
        Frame byRobot = RobotGrab.grab(robot, bounds);
        return frame.width() == byRobot.width() && frame.height() == byRobot.height()
                && Arrays.equals(rgb(frame), rgb(byRobot));
    }

    private static int[] rgb(Frame frame) {
        int[] pixels = frame.pixels().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xffffff;
        }
        return pixels;
    }

    private static long sharedMemoryMappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("/SYSV")).count();
    }

    private static long sockets() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

}
