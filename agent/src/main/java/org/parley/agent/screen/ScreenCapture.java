package org.parley.agent.screen;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Captures the default screen. On X11 it uses {@link X11Capture} (XDamage + MIT-SHM), so a tick
 * on an unchanged screen grabs nothing; anywhere else, or when that path is unavailable or fails,
 * it grabs the whole screen with {@link Robot} and logs once why. The fast path never ends the
 * agent: any failure of it switches this capture to Robot for good.
 * <p>
 * Thread-safe, but changes are "since the last capture by anyone": one capture loop per instance.
 * {@link #close()} releases the X connection and the shared memory.
 */
public final class ScreenCapture implements AutoCloseable {
    /** Set to {@code robot} to skip the X11 fast path (a workaround, and for tests and benchmarks). */
    public static final String METHOD_PROPERTY = "parley.capture";
    private static final Logger LOG = Logger.getLogger(ScreenCapture.class.getName());

    private final Robot robot;
    private Rectangle robotBounds; // the captured area: the default device's, or the monitor chosen
    private X11Capture x11;
    private String method;
    private boolean reuseFrames;

    private ScreenCapture(Robot robot, Rectangle robotBounds) {
        this.robot = robot;
        this.robotBounds = robotBounds;
    }

    /**
     * Capture of the default screen device.
     *
     * @throws AWTException if the platform does not allow Robot (e.g. no display, headless)
     */
    public static ScreenCapture ofDefaultScreen() throws AWTException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new AWTException("no display: the JVM is headless (is DISPLAY set?)");
        }
        var device = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
        // Robot first, always: it is the fallback, and it makes AWT install its X error handler
        // (which logs and ignores) before the fast path opens its own connection.
        Robot robot = new Robot(device);
        robot.setAutoWaitForIdle(false);
        var capture = new ScreenCapture(robot, device.getDefaultConfiguration().getBounds());
        capture.chooseMethod();
        return capture;
    }

    private void chooseMethod() {
        if ("robot".equals(System.getProperty(METHOD_PROPERTY))) {
            useRobot(METHOD_PROPERTY + "=robot");
            return;
        }
        try {
            x11 = X11Capture.open(robotBounds);
            if (reuseFrames) {
                x11.reuseFrames();
            }
            method = "X11 XDamage + XShm";
            LOG.info(() -> "screen capture: " + method + " on " + System.getenv("DISPLAY") + ", " + x11.bounds().width
                    + "×" + x11.bounds().height);
        } catch (X11Exception e) {
            useRobot(e.getMessage());
        } catch (RuntimeException | LinkageError e) { // LinkageError: JNA's stub or a symbol missing
            LOG.log(Level.WARNING, "screen capture: the X11 fast path could not start", e);
            useRobot(e.toString());
        }
    }

    private void useRobot(String why) {
        method = "java.awt.Robot (full grab every tick: " + why + ")";
        LOG.info(() -> "screen capture: " + method);
    }

    /**
     * Captures {@code shared} (screen coordinates: one monitor, or all of them) from now on. The next
     * frame has its size, which the encoder sends as a keyframe.
     */
    public synchronized void area(Rectangle shared) {
        if (shared.equals(bounds())) {
            return;
        }
        boolean fast = x11 != null;
        closeX11();
        robotBounds = new Rectangle(shared);
        if (fast) {
            chooseMethod();
        }
    }

    /**
     * From now on a capture may overwrite the pixels of the frame it returned before (on the X11
     * path): for a capture loop that is done with each frame by the next one, as the encoder is (it
     * keeps its own copy). Saves an 8 MB allocation and copy per 1080p frame.
     */
    public synchronized void reuseFrames() {
        reuseFrames = true;
        if (x11 != null) {
            x11.reuseFrames();
        }
    }

    /** Which capture is in use, and why Robot if it is: for logs and {@code capture-test}. */
    public synchronized String method() {
        return method;
    }

    /** The captured area in screen coordinates. */
    public synchronized Rectangle bounds() {
        return x11 != null ? x11.bounds() : new Rectangle(robotBounds);
    }

    /** The screen as it is now (a full grab). */
    public synchronized Frame capture() {
        if (x11 != null) {
            try {
                return x11.grab();
            } catch (RuntimeException | LinkageError e) {
                fallBack(e);
            }
        }
        return RobotGrab.grab(robot, robotBounds);
    }

    /**
     * The screen as it is now if anything may have changed since the last capture, else empty, at
     * the cost of looking at the X connection's queue only. With Robot, always a full grab.
     */
    public synchronized Optional<Frame> captureIfChanged() {
        if (x11 != null) {
            try {
                return x11.grabChanges();
            } catch (RuntimeException | LinkageError e) {
                fallBack(e);
            }
        }
        return Optional.of(RobotGrab.grab(robot, robotBounds));
    }

    private void fallBack(Throwable e) {
        LOG.log(Level.WARNING, "screen capture: the X11 fast path failed, using Robot from now on: " + e, e);
        closeX11();
        method = "java.awt.Robot (full grab every tick: the X11 fast path failed: " + e + ")";
    }

    private void closeX11() {
        if (x11 != null) {
            X11Capture closing = x11;
            x11 = null;
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the X11 capture", e);
            }
        }
    }

    /** Releases the X connection and shared memory; a capture after this uses Robot. */
    @Override
    public synchronized void close() {
        if (x11 != null) {
            closeX11();
            method = "java.awt.Robot (the X11 capture was closed)";
        }
    }

    /** Whether the X11 fast path is in use (tests). */
    synchronized boolean usesX11() {
        return x11 != null;
    }
}
