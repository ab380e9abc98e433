package org.parley.meeting;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.account.Account;
import org.parley.account.SignInGuard;
import org.parley.security.RateLimiter;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;

/**
 * {@code POST /api/v1/meetings/{id}/quality}: a participant's browser reports what it received of
 * a screen (tiles or video), the voices or the cameras; {@code GET} gives the organizer the summary.
 * Bounded: a report covers at most 10 minutes, and each account may send a few a minute.
 */
final class QualityRoutes {
    static final Set<String> KINDS = Set.of("tiles", "video", "voice", "camera");
    /** Frames or packets in a report's 10 minutes at most: 120 screen frames a second, 50 voice packets. */
    private static final int MAX_UNITS = 600 * 120;
    private final MeetingFeature feature;
    private final SignInGuard guard;
    private final RateLimiter perAccount;

    QualityRoutes(MeetingFeature feature, SignInGuard guard, RateLimiter perAccount) {
        this.feature = feature;
        this.guard = guard;
        this.perAccount = perAccount;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/meetings/{id}/quality", this::report);
        routes.get("/api/v1/meetings/{id}/quality", this::summary);
        routes.get("/api/v1/meetings/{id}/quality/series", this::series);
    }

    private void report(Context ctx) {
        Account who = guard.require(ctx).account();
        var viewed = feature.meetings().view(who, RouteParams.id(ctx));
        perAccount.charge(who.id().toString());
        var body = JsonBody.read(ctx, Set.of("kind", "seconds", "frames", "bytes", "latencyP50Ms", "received", "lost"));
        String kind = body.requiredText("kind", 10);
        if (!KINDS.contains(kind)) {
            throw ParleyException.invalid("kind must be \"tiles\", \"video\", \"voice\" or \"camera\".");
        }
        var report = new QualityRecords.Report(kind,
                body.optionalInteger("seconds", 1, 600).orElseThrow(() -> ParleyException.invalid("seconds is required (1 to 600).")),
                body.optionalInteger("frames", 0, MAX_UNITS).orElseThrow(() -> ParleyException.invalid("frames is required.")),
                body.optionalInteger("bytes", 0, Integer.MAX_VALUE).orElseThrow(() -> ParleyException.invalid("bytes is required.")),
                body.optionalInteger("latencyP50Ms", 0, 600_000), loss(body));
        feature.quality().add(viewed.meeting().id(), who.id(), feature.clock().instant(), report);
        ctx.status(202).json(Map.of("message", "Thank you: recorded (numbers only, never content)."));
    }

    /** Loss counts come as a pair, or not at all: a loss percentage needs both. */
    private static Optional<QualityRecords.Loss> loss(JsonBody body) {
        Optional<Integer> received = body.optionalInteger("received", 0, MAX_UNITS);
        Optional<Integer> lost = body.optionalInteger("lost", 0, MAX_UNITS);
        if (received.isPresent() != lost.isPresent()) {
            throw ParleyException.invalid("received and lost come together (both whole numbers from 0 to " + MAX_UNITS
                    + "), or neither for a stream whose frames are not numbered.");
        }
        return received.map(r -> new QualityRecords.Loss(r, lost.orElseThrow()));
    }

    /** The organizer's plots: each participant's reports over time, per kind of stream. */
    private void series(Context ctx) {
        Meeting meeting = feature.meetings().requireOrganizer(guard.require(ctx).account(), RouteParams.id(ctx));
        ctx.json(Map.of("subject", meeting.subject(), "series", feature.quality().series(meeting.id()).stream()
                .map(s -> Map.of("name", s.name(), "kind", s.kind(), "points", s.points().stream().map(p -> {
                    var point = new java.util.LinkedHashMap<String, Object>();
                    point.put("at", p.at().toString());
                    point.put("kbps", p.kbps());
                    point.put("fps", p.fps());
                    point.put("latencyMs", p.latencyMs());
                    point.put("received", p.loss() == null ? null : p.loss().received());
                    point.put("lost", p.loss() == null ? null : p.loss().lost());
                    point.put("lossPercent", p.loss() == null ? null : p.loss().percent());
                    return point;
                }).toList())).toList()));
    }

    private void summary(Context ctx) {
        Meeting meeting = feature.meetings().requireOrganizer(guard.require(ctx).account(), RouteParams.id(ctx));
        ctx.json(feature.quality().summary(meeting.id()));
    }
}
