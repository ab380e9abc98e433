package org.parley.account;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Who is signed in, for any route that needs to know. A state-changing request authenticated by
 * the session cookie must also carry {@code X-Parley-CSRF} equal to the {@code parley_csrf}
 * cookie, and that token must be the one issued with this session (a planted cookie fails).
 */
public final class SignInGuard {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private final Authentication authentication;

    SignInGuard(Authentication authentication) {
        this.authentication = authentication;
    }

    public Optional<SignedIn> current(Context ctx) {
        String token = ctx.cookie(SignInCookies.SESSION);
        return token == null ? Optional.empty() : authentication.resolve(token);
    }

    public SignedIn require(Context ctx) {
        SignedIn who = current(ctx).orElseThrow(ParleyException::unauthenticated);
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            requireCsrf(ctx, who);
        }
        return who;
    }

    private static void requireCsrf(Context ctx, SignedIn who) {
        String header = ctx.header("X-Parley-CSRF");
        String cookie = ctx.cookie(SignInCookies.CSRF);
        boolean valid = header != null && cookie != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(SecretToken.sha256Hex(header).getBytes(StandardCharsets.UTF_8),
                        who.csrfHash().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw new ParleyException(Failure.CSRF,
                    "This request was refused because it did not come from a Parley page. Reload the page and try again.");
        }
    }
}
