package org.parley.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code {"error","message"}} with the status
 * from {@link Failure}. A bug becomes a bare 500 "Internal Server Error"; its detail goes to the
 * log only, never to the client.
 */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** {@code trustProxy}: whose address the security log names for a rate limit (see {@link ClientInfo}). */
    public static void register(RoutesConfig routes, boolean trustProxy) {
        routes.exception(ParleyException.class, (failure, ctx) -> {
            if (failure.failure() == Failure.RATE_LIMITED || failure.failure() == Failure.LOCKED) {
                // every limit in one place: sign-in guessing, mail floods, pairing codes, support keys
                String route = ctx.endpoint() == null ? ctx.path() : ctx.endpoint().path;
                org.parley.security.SecurityLog.refused("rate_limited", ClientInfo.of(ctx, trustProxy),
                        ctx.method() + " " + route + ": " + failure.getMessage());
            }
            respond(ctx, failure);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromJavalin(e.getStatus())));
        routes.exception(Exception.class, (bug, ctx) -> {
            log.atError().setCause(bug).addKeyValue("method", ctx.method()).addKeyValue("path", ctx.path())
                    .log("request failed");
            respond(ctx, new ParleyException(Failure.INTERNAL, "Internal Server Error"));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !"application/json".equals(ctx.contentType())) {
                respond(ctx, ParleyException.notFound());
            }
        });
        routes.error(405, ctx -> respond(ctx, new ParleyException(Failure.METHOD_NOT_ALLOWED,
                "This address does not accept " + ctx.method() + ".")));
    }

    public static void respond(Context ctx, ParleyException failure) {
        failure.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
        ctx.status(failure.failure().httpStatus())
                .json(Map.of("error", failure.failure().code(), "message", failure.getMessage()));
    }

    private static ParleyException fromJavalin(int status) {
        return switch (status) {
            case 404 -> ParleyException.notFound();
            case 405 -> new ParleyException(Failure.METHOD_NOT_ALLOWED, "This address does not accept that method.");
            case 413 -> new ParleyException(Failure.PAYLOAD_TOO_LARGE, "The request is too large.");
            default -> status >= 400 && status < 500
                    ? ParleyException.invalid("The request could not be handled.")
                    : new ParleyException(Failure.INTERNAL, "Internal Server Error");
        };
    }
}
