package org.parley.agent.screen;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Captures the whole default screen with {@link Robot}. Each capture is a fresh array that Robot
 * allocates anyway; where it is the usual packed {@code int} RGB raster (X11, Windows) the frame
 * wraps that array instead of copying it (one 8 MB copy less per 1080p frame).
 */
public final class ScreenCapture {
    private final Robot robot;
    private final Rectangle bounds;

    private ScreenCapture(Robot robot, Rectangle bounds) {
        this.robot = robot;
        this.bounds = bounds;
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
        Robot robot = new Robot(device);
        robot.setAutoWaitForIdle(false);
        return new ScreenCapture(robot, device.getDefaultConfiguration().getBounds());
    }

    /** The captured area in screen coordinates. */
    public Rectangle bounds() {
        return new Rectangle(bounds);
    }

    /** The screen as it is now. */
    public Frame capture() {
        BufferedImage image = robot.createScreenCapture(bounds);
        int width = image.getWidth();
        int height = image.getHeight();
        if (image.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1
                && ints.getOffset() == 0
                && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel packed
                && packed.getScanlineStride() == width
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && ints.getData().length == width * height
                && image.getColorModel().getRGB(0x123456) == (0xff000000 | 0x123456)) {
            return new Frame(width, height, ints.getData());
        }
        return new Frame(width, height, image.getRGB(0, 0, width, height, null, 0, width));
    }
}
