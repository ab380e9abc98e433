package org.parley.agent.screen;

/** The X11 fast path cannot be used or has failed; {@link ScreenCapture} falls back to Robot. */
final class X11Exception extends RuntimeException {
    X11Exception(String message) {
        super(message);
    }
}
