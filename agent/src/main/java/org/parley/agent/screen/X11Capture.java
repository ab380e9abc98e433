package org.parley.agent.screen;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import java.awt.Rectangle;
import java.util.Arrays;
import java.util.Optional;

/**
 * Capture on an X11 display that costs nothing while nothing changes: XDamage on the root window
 * says whether (and where) anything was drawn since the last grab, and MIT-SHM grabs only that
 * area's bounding box into shared memory. An idle tick is one non-blocking look at this
 * connection's event queue.
 * <p>
 * Uses its own Display connection ({@code XOpenDisplay}), never AWT's, so Xlib calls need no AWT
 * lock; every call happens under this object's monitor. Errors are found by return values and
 * round trips: the process-wide X error handler belongs to AWT, which logs and ignores errors
 * (Xlib's default would end the process); {@link ScreenCapture} therefore opens AWT first.
 * <p>
 * The captured area is the root window (following its size when xrandr changes it), or, when the
 * default screen device is only part of the root (several monitors), that device's rectangle.
 */
final class X11Capture implements AutoCloseable {
    private final X11Libraries x;
    private final Pointer display;
    private final NativeLong root;
    private final Pointer visual;
    private final int depth;
    private final NativeLong damage;
    private final NativeLong region;
    private final Rectangle device;
    /** One monitor (the device is the whole root): the area follows the root's size. */
    private final boolean followRoot;
    private final Memory event = X11Libraries.event();
    private final Memory bounds = new Memory(8);
    private Rectangle area;
    private ShmImage image;
    /** The pixels of the last frame handed out, read-only unless {@link #reuse}: a partial grab starts from a copy. */
    private int[] last;
    /** Whether a grab may overwrite the frame handed out last ({@link #reuseFrames}). */
    private boolean reuse;
    /** Something happened (damage, or the root changed size) that the next grab must pick up. */
    private boolean changed = true;
    private boolean closed;

    private X11Capture(X11Libraries x, Pointer display, NativeLong root, Pointer visual, int depth,
            NativeLong damage, NativeLong region, Rectangle device, boolean followRoot) {
        this.x = x;
        this.display = display;
        this.root = root;
        this.visual = visual;
        this.depth = depth;
        this.damage = damage;
        this.region = region;
        this.device = new Rectangle(device);
        this.followRoot = followRoot;
    }

    /**
     * Opens the display named by {@code DISPLAY} and sets up damage tracking and a shared-memory grab
     * of {@code device} (the default screen device's bounds, as AWT sees them).
     *
     * @throws X11Exception with the reason if this display or platform has no fast path
     */
    static X11Capture open(Rectangle device) {
        if (!Platform.isLinux() || Native.LONG_SIZE != 8 || Native.POINTER_SIZE != 8) {
            throw new X11Exception("not 64-bit Linux");
        }
        String name = System.getenv("DISPLAY");
        if (name == null || name.isBlank()) {
            throw new X11Exception("DISPLAY is not set (not an X11 session)");
        }
        X11Libraries x;
        try {
            x = X11Libraries.load();
        } catch (UnsatisfiedLinkError e) {
            throw new X11Exception("an X11 library is missing: " + e.getMessage());
        }
        Pointer display = x.xlib.XOpenDisplay(name);
        if (display == null) {
            throw new X11Exception("cannot open display " + name);
        }
        try {
            return setUp(x, display, device);
        } catch (RuntimeException e) {
            x.xlib.XCloseDisplay(display); // frees the server-side damage and region with the connection
            throw e;
        }
    }

    private static X11Capture setUp(X11Libraries x, Pointer display, Rectangle device) {
        var eventBase = new IntByReference();
        var errorBase = new IntByReference();
        var major = new IntByReference(1);
        var minor = new IntByReference(1);
        if (x.damage.XDamageQueryExtension(display, eventBase, errorBase) == 0
                || x.damage.XDamageQueryVersion(display, major, minor) == 0) {
            throw new X11Exception("the X server has no DAMAGE extension");
        }
        major.setValue(2);
        minor.setValue(0);
        if (x.fixes.XFixesQueryExtension(display, eventBase, errorBase) == 0
                || x.fixes.XFixesQueryVersion(display, major, minor) == 0 || major.getValue() < 2) {
            throw new X11Exception("the X server has no XFIXES 2 extension");
        }
        if (x.shm.XShmQueryExtension(display) == 0) {
            throw new X11Exception("the X server has no MIT-SHM extension");
        }
        int screen = x.xlib.XDefaultScreen(display);
        NativeLong root = x.xlib.XRootWindow(display, screen);
        Pointer visual = x.xlib.XDefaultVisual(display, screen);
        if (visual.getInt(16) != X11Libraries.TRUE_COLOR) { // Visual.class, LP64
            throw new X11Exception("the default visual is not TrueColor");
        }
        // StructureNotify on the root: a ConfigureNotify tells that xrandr changed the screen size
        x.xlib.XSelectInput(display, root, new NativeLong(X11Libraries.STRUCTURE_NOTIFY_MASK));
        NativeLong damage = x.damage.XDamageCreate(display, root, X11Libraries.DAMAGE_REPORT_NON_EMPTY);
        NativeLong region = x.fixes.XFixesCreateRegion(display, Pointer.NULL, 0);
        Rectangle whole = rootSize(x, display, root);
        boolean followRoot = device.equals(whole) || !whole.contains(device);
        var capture = new X11Capture(x, display, root, visual, x.xlib.XDefaultDepth(display, screen), damage,
                region, device, followRoot);
        try {
            capture.grab(); // a remote display, a refused segment or an unreadable root fails here
            return capture;
        } catch (RuntimeException e) {
            capture.releaseImage(); // the caller closes the connection
            throw e;
        }
    }

    /** From now on a grab overwrites the frame handed out last: for a caller that is done with each frame by the next grab. */
    synchronized void reuseFrames() {
        reuse = true;
    }

    synchronized Rectangle bounds() {
        return new Rectangle(area);
    }

    /**
     * The whole area now, grabbed in full (not only where damage says): keyframes also repair what
     * was drawn without damage (e.g. hardware video overlays). Resets the damage.
     */
    synchronized Frame grab() {
        checkOpen();
        drainEvents();
        return grabNow(true);
    }

    /** The area now if anything was drawn on it since the last grab, else empty (and nothing is grabbed). */
    synchronized Optional<Frame> grabChanges() {
        checkOpen();
        drainEvents();
        return changed ? Optional.of(grabNow(false)) : Optional.empty();
    }

    private Frame grabNow(boolean everything) {
        changed = false;
        // Subtract before grabbing: whatever is drawn from now on, even during the grab, is damage again.
        x.damage.XDamageSubtract(display, damage, X11Libraries.NONE, region);
        Rectangle now = currentArea();
        boolean resized = image == null || !now.equals(area);
        if (resized) {
            resize(now);
        }
        // Unless frames are reused, every frame gets its own array and we never write to one handed
        // out (the caller may keep it): a full grab fills a fresh array, a partial one a copy of the last.
        // Reused (the capture loop, whose encoder keeps its own copy), the grab writes into the last one:
        // 8 MB less to allocate and copy per 1080p frame.
        int[] pixels;
        if (everything || resized) {
            pixels = reuse && !resized && last != null && last.length == area.width * area.height ? last
                    : new int[area.width * area.height];
            image.grab(root, area.x, area.y, area.width, area.height, pixels, area.width, 0, 0);
        } else {
            pixels = reuse ? last : Arrays.copyOf(last, last.length);
            Rectangle damaged = damagedBox().intersection(area);
            if (!damaged.isEmpty()) {
                image.grab(root, damaged.x, damaged.y, damaged.width, damaged.height, pixels, area.width,
                        damaged.x - area.x, damaged.y - area.y);
            }
        }
        last = pixels;
        return new Frame(area.width, area.height, pixels);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the X11 capture is closed");
        }
    }

    private void drainEvents() {
        while (x.xlib.XPending(display) > 0) {
            x.xlib.XNextEvent(display, event);
            changed = true; // damage, or the root's ConfigureNotify: either way the next grab looks
        }
    }

    private Rectangle damagedBox() {
        var count = new IntByReference();
        Pointer rectangles = x.fixes.XFixesFetchRegionAndBounds(display, region, count, bounds);
        if (rectangles != null) {
            x.xlib.XFree(rectangles);
        }
        // XRectangle: short x, y; unsigned short width, height
        return new Rectangle(bounds.getShort(0), bounds.getShort(2), Short.toUnsignedInt(bounds.getShort(4)),
                Short.toUnsignedInt(bounds.getShort(6)));
    }

    /** The area to grab now: the root's current size (a round trip), or the device's part of it. */
    private Rectangle currentArea() {
        Rectangle whole = rootSize(x, display, root);
        if (followRoot) {
            return whole;
        }
        Rectangle part = device.intersection(whole);
        if (part.isEmpty()) {
            throw new X11Exception("the screen device " + device + " is no longer on the root window " + whole);
        }
        return part;
    }

    private static Rectangle rootSize(X11Libraries x, Pointer display, NativeLong root) {
        var ignoredRoot = new NativeLongByReference();
        var ignored = new IntByReference();
        var width = new IntByReference();
        var height = new IntByReference();
        if (x.xlib.XGetGeometry(display, root, ignoredRoot, ignored, ignored, width, height, ignored, ignored) == 0) {
            throw new X11Exception("XGetGeometry of the root window failed");
        }
        return new Rectangle(0, 0, width.getValue(), height.getValue());
    }

    private void releaseImage() {
        if (image != null) {
            image.close();
            image = null;
        }
    }

    private void resize(Rectangle now) {
        releaseImage();
        area = now;
        image = ShmImage.create(x, display, visual, depth, area.width, area.height);
        image.checkAttached(root);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseImage();
        x.damage.XDamageDestroy(display, damage);
        x.fixes.XFixesDestroyRegion(display, region);
        x.xlib.XCloseDisplay(display);
    }
}
