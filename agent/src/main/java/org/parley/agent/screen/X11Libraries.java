package org.parley.agent.screen;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The few functions of Xlib, MIT-SHM, XDamage, XFixes and System V shared memory that
 * {@link X11Capture} calls, declared by hand (JNA interface mapping). Libraries are loaded by their
 * soname, which every distribution installs with the runtime package (the unversioned names come only
 * with the -dev packages). XIDs (Window, Damage, XserverRegion) are C {@code unsigned long}s.
 */
final class X11Libraries {
    static final int FALSE = 0;
    static final int Z_PIXMAP = 2;
    static final int TRUE_COLOR = 4;
    static final int LSB_FIRST = 0;
    static final int MSB_FIRST = 1;
    static final int DAMAGE_REPORT_NON_EMPTY = 3;
    static final long STRUCTURE_NOTIFY_MASK = 1L << 17;
    static final NativeLong NONE = new NativeLong(0);
    static final NativeLong ALL_PLANES = new NativeLong(-1);
    /** {@code sizeof(XEvent)}: a union padded to 24 longs. */
    static final int EVENT_SIZE = 24 * Native.LONG_SIZE;

    final Xlib xlib;
    final XShm shm;
    final XDamage damage;
    final XFixes fixes;
    final LibC libc;

    private X11Libraries(Xlib xlib, XShm shm, XDamage damage, XFixes fixes, LibC libc) {
        this.xlib = xlib;
        this.shm = shm;
        this.damage = damage;
        this.fixes = fixes;
        this.libc = libc;
    }

    /** @throws UnsatisfiedLinkError if a library is missing (e.g. no libXdamage installed) */
    static X11Libraries load() {
        return new X11Libraries(Native.load("libX11.so.6", Xlib.class), Native.load("libXext.so.6", XShm.class),
                Native.load("libXdamage.so.1", XDamage.class), Native.load("libXfixes.so.3", XFixes.class),
                Native.load("c", LibC.class));
    }

    static Memory event() {
        return new Memory(EVENT_SIZE);
    }

    interface Xlib extends Library {
        Pointer XOpenDisplay(String name);

        int XCloseDisplay(Pointer display);

        int XDefaultScreen(Pointer display);

        NativeLong XRootWindow(Pointer display, int screen);

        Pointer XDefaultVisual(Pointer display, int screen);

        int XDefaultDepth(Pointer display, int screen);

        int XGetGeometry(Pointer display, NativeLong drawable, NativeLongByReference root, IntByReference x,
                IntByReference y, IntByReference width, IntByReference height, IntByReference border, IntByReference depth);

        int XSelectInput(Pointer display, NativeLong window, NativeLong mask);

        int XPending(Pointer display);

        int XNextEvent(Pointer display, Pointer event);

        int XSync(Pointer display, int discard);

        int XFree(Pointer data);

        /** Frees the image structure; for an XShm image not its data, which is the shared segment. */
        int XDestroyImage(Pointer image);
    }

    interface XShm extends Library {
        int XShmQueryExtension(Pointer display);

        Pointer XShmCreateImage(Pointer display, Pointer visual, int depth, int format, Pointer data, Pointer shminfo,
                int width, int height);

        int XShmAttach(Pointer display, Pointer shminfo);

        int XShmDetach(Pointer display, Pointer shminfo);

        int XShmGetImage(Pointer display, NativeLong drawable, Pointer image, int x, int y, NativeLong planeMask);
    }

    interface XDamage extends Library {
        int XDamageQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

        int XDamageQueryVersion(Pointer display, IntByReference major, IntByReference minor);

        NativeLong XDamageCreate(Pointer display, NativeLong drawable, int level);

        void XDamageDestroy(Pointer display, NativeLong damage);

        void XDamageSubtract(Pointer display, NativeLong damage, NativeLong repair, NativeLong parts);
    }

    interface XFixes extends Library {
        int XFixesQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

        int XFixesQueryVersion(Pointer display, IntByReference major, IntByReference minor);

        NativeLong XFixesCreateRegion(Pointer display, Pointer rectangles, int count);

        void XFixesDestroyRegion(Pointer display, NativeLong region);

        /** Returns the region's rectangles (to be freed with XFree) and writes their bounding box. */
        Pointer XFixesFetchRegionAndBounds(Pointer display, NativeLong region, IntByReference count, Pointer bounds);
    }

    interface LibC extends Library {
        int IPC_PRIVATE = 0;
        int IPC_CREAT = 01000;
        int IPC_RMID = 0;

        int shmget(int key, NativeLong size, int flags);

        Pointer shmat(int id, Pointer address, int flags);

        int shmdt(Pointer address);

        int shmctl(int id, int command, Pointer buffer);
    }
}
