package org.parley.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * {@code GET /metrics}: served only when the operator set {@code PARLEY_METRICS_TOKEN}, and only to
 * a request that carries {@code Authorization: Bearer <that token>}. Without the setting there is no
 * such route (404, as for any unknown path): a server says nothing about its load by default.
 */
public final class MetricsRoutes {
    private final ParleyMetrics metrics;
    private final byte[] expected;

    public MetricsRoutes(ParleyMetrics metrics, String token) {
        this.metrics = metrics;
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        String given = ctx.header("Authorization");
        // compared in constant time: the token must not leak a byte at a time through response timing
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"parley-metrics\"");
            throw new ParleyException(Failure.UNAUTHENTICATED,
                    "The metrics need the operator's token: send Authorization: Bearer <PARLEY_METRICS_TOKEN>.");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
