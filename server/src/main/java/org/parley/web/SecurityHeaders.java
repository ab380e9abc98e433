package org.parley.web;

import io.javalin.http.Context;

/**
 * Headers on every response. The Content-Security-Policy allows scripts and styles from this
 * origin only — no inline script — so an injected string can never run as code.
 */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        // this origin may capture a screen (and, later, camera and microphone); no embedded page may
        // (camera=() made Chromium log a policy violation on every getDisplayMedia)
        ctx.header("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
