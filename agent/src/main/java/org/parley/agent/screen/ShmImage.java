package org.parley.agent.screen;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;

/**
 * One System V shared-memory segment the X server writes screen pixels into (MIT-SHM), sized for a
 * {@code width × height} area of 32-bit pixels. A grab of any part of that area reuses the segment:
 * the X server writes the part's rows tightly packed from the segment's start.
 * <p>
 * Struct offsets are those of LP64 Linux ({@code XImage}, {@code XShmSegmentInfo}); {@link X11Capture}
 * checks the platform before using this class.
 */
final class ShmImage implements AutoCloseable {
    // XImage (Xlib.h), LP64
    private static final int IMAGE_WIDTH = 0;
    private static final int IMAGE_DATA = 16;
    private static final int IMAGE_BYTE_ORDER = 24;
    private static final int IMAGE_DEPTH = 40;
    private static final int IMAGE_BYTES_PER_LINE = 44;
    private static final int IMAGE_BITS_PER_PIXEL = 48;
    private static final int IMAGE_RED_MASK = 56;
    private static final int IMAGE_GREEN_MASK = 64;
    private static final int IMAGE_BLUE_MASK = 72;
    // XShmSegmentInfo (XShm.h), LP64
    private static final int SEGMENT_INFO_SIZE = 32;
    private static final int SEGMENT_ID = 8;
    private static final int SEGMENT_ADDRESS = 16;
    private static final int SEGMENT_READ_ONLY = 24;

    private final X11Libraries x;
    private final Pointer display;
    private final Pointer visual;
    private final int depth;
    private final int width;
    private final int height;
    /** Xlib keeps a pointer to this in every image made with it: it lives as long as the segment. */
    private final Memory segmentInfo = new Memory(SEGMENT_INFO_SIZE);
    private Pointer address;
    private boolean attached;

    private ShmImage(X11Libraries x, Pointer display, Pointer visual, int depth, int width, int height) {
        this.x = x;
        this.display = display;
        this.visual = visual;
        this.depth = depth;
        this.width = width;
        this.height = height;
        segmentInfo.clear();
    }

    /**
     * Creates and attaches a segment for {@code width × height} pixels.
     *
     * @throws X11Exception if the image format is not 32-bit 0xRRGGBB in this machine's byte order,
     *                      or the segment cannot be made or attached
     */
    static ShmImage create(X11Libraries x, Pointer display, Pointer visual, int depth, int width, int height) {
        ShmImage image = new ShmImage(x, display, visual, depth, width, height);
        try {
            image.attach();
            return image;
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    private void attach() {
        Pointer probe = newImage(Pointer.NULL, width, height);
        try {
            checkFormat(probe);
        } finally {
            x.xlib.XDestroyImage(probe);
        }
        long bytes = 4L * width * height;
        int id = x.libc.shmget(X11Libraries.LibC.IPC_PRIVATE, new NativeLong(bytes), X11Libraries.LibC.IPC_CREAT | 0600);
        if (id < 0) {
            throw new X11Exception("shmget of " + bytes + " bytes failed");
        }
        Pointer at = x.libc.shmat(id, Pointer.NULL, 0);
        if (Pointer.nativeValue(at) == -1L) {
            x.libc.shmctl(id, X11Libraries.LibC.IPC_RMID, Pointer.NULL);
            throw new X11Exception("shmat failed");
        }
        address = at;
        segmentInfo.setInt(SEGMENT_ID, id);
        segmentInfo.setPointer(SEGMENT_ADDRESS, at);
        segmentInfo.setInt(SEGMENT_READ_ONLY, X11Libraries.FALSE);
        attached = x.shm.XShmAttach(display, segmentInfo) != 0;
        x.xlib.XSync(display, X11Libraries.FALSE);
        // Marked for removal now: the kernel frees it once both we and the X server detach, even if
        // this process is killed; nobody else can attach it meanwhile.
        x.libc.shmctl(id, X11Libraries.LibC.IPC_RMID, Pointer.NULL);
        if (!attached) {
            throw new X11Exception("XShmAttach failed");
        }
    }

    /**
     * Whether the X server could attach the segment: XShmAttach reports its error only to the
     * process-wide error handler (AWT's, which ignores it), so a one-pixel grab asks.
     *
     * @throws X11Exception if it could not (a remote display, or the agent in another IPC namespace)
     */
    void checkAttached(NativeLong drawable) {
        Pointer image = newImage(address, 1, 1);
        try {
            if (x.shm.XShmGetImage(display, drawable, image, 0, 0, X11Libraries.ALL_PLANES) == 0) {
                throw new X11Exception("the X server cannot reach this process's shared memory (a remote display, "
                        + "or another IPC namespace)");
            }
        } finally {
            x.xlib.XDestroyImage(image);
        }
    }

    private Pointer newImage(Pointer data, int w, int h) {
        Pointer image = x.shm.XShmCreateImage(display, visual, depth, X11Libraries.Z_PIXMAP, data, segmentInfo, w, h);
        if (image == null) {
            throw new X11Exception("XShmCreateImage(" + w + "×" + h + ") failed");
        }
        return image;
    }

    private static void checkFormat(Pointer image) {
        int bitsPerPixel = image.getInt(IMAGE_BITS_PER_PIXEL);
        int imageDepth = image.getInt(IMAGE_DEPTH);
        int bytesPerLine = image.getInt(IMAGE_BYTES_PER_LINE);
        int order = image.getInt(IMAGE_BYTE_ORDER);
        long red = image.getLong(IMAGE_RED_MASK);
        long green = image.getLong(IMAGE_GREEN_MASK);
        long blue = image.getLong(IMAGE_BLUE_MASK);
        int nativeOrder = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? X11Libraries.LSB_FIRST : X11Libraries.MSB_FIRST;
        if (bitsPerPixel != 32 || (imageDepth != 24 && imageDepth != 32) || bytesPerLine != 4 * image.getInt(IMAGE_WIDTH)
                || order != nativeOrder || red != 0xff0000L || green != 0xff00L || blue != 0xffL) {
            throw new X11Exception(String.format("unsupported pixel format (depth %d, %d bits per pixel, %d bytes per line, "
                    + "byte order %d, masks %x/%x/%x); only 24-bit TrueColor as 32-bit 0xRRGGBB is read directly",
                    imageDepth, bitsPerPixel, bytesPerLine, order, red, green, blue));
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Copies the {@code w × h} area at ({@code x}, {@code y}) of {@code drawable} into the segment, then
     * into {@code target} (a {@code stride}-wide image) at ({@code toX}, {@code toY}).
     *
     * @throws X11Exception if the X server refused (the area is off the screen, the segment is gone)
     */
    void grab(NativeLong drawable, int areaX, int areaY, int w, int h, int[] target, int stride, int toX, int toY) {
        if (w < 1 || h < 1 || w > width || h > height) {
            throw new IllegalArgumentException("grab of " + w + "×" + h + " does not fit a " + width + "×" + height + " segment");
        }
        // An image header is a client-side malloc; one per grab lets the X server pack the rows to w.
        Pointer image = newImage(address, w, h);
        try {
            if (x.shm.XShmGetImage(display, drawable, image, areaX, areaY, X11Libraries.ALL_PLANES) == 0) {
                throw new X11Exception("XShmGetImage of " + w + "×" + h + " at " + areaX + "," + areaY + " failed");
            }
        } finally {
            x.xlib.XDestroyImage(image);
        }
        if (w == stride && toX == 0) {
            address.read(0, target, toY * stride, w * h);
            return;
        }
        for (int row = 0; row < h; row++) {
            address.read(4L * row * w, target, (toY + row) * stride + toX, w);
        }
    }

    @Override
    public void close() {
        if (attached) {
            x.shm.XShmDetach(display, segmentInfo);
            x.xlib.XSync(display, X11Libraries.FALSE);
            attached = false;
        }
        if (address != null) {
            x.libc.shmdt(address);
            address = null;
        }
    }
}
