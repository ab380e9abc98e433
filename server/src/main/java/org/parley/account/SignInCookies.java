package org.parley.account;

import io.javalin.http.Context;

/**
 * The two cookies of a browser session (API.md): {@code parley_session}, HttpOnly, and
 * {@code parley_csrf}, readable by the page's script for the double-submit header. Both carry
 * random tokens only, SameSite=Lax, and Secure when the site is served over HTTPS.
 */
public final class SignInCookies {
    public static final String SESSION = "parley_session";
    public static final String CSRF = "parley_csrf";
    private final boolean secure;

    public SignInCookies(boolean secure) {
        this.secure = secure;
    }

    void set(Context ctx, NewSignIn session) {
        long maxAge = session.remember() ? SignInStore.REMEMBERED.toSeconds() : -1;
        ctx.res().addHeader("Set-Cookie", cookie(SESSION, session.session().value(), maxAge, true));
        ctx.res().addHeader("Set-Cookie", cookie(CSRF, session.csrf().value(), maxAge, false));
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", cookie(SESSION, "", 0, true));
        ctx.res().addHeader("Set-Cookie", cookie(CSRF, "", 0, false));
    }

    private String cookie(String name, String value, long maxAge, boolean httpOnly) {
        var text = new StringBuilder(name).append('=').append(value).append("; Path=/; SameSite=Lax");
        if (maxAge >= 0) {
            text.append("; Max-Age=").append(maxAge);
        }
        if (httpOnly) {
            text.append("; HttpOnly");
        }
        if (secure) {
            text.append("; Secure");
        }
        return text.toString();
    }
}
