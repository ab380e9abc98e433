package org.parley.meeting;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.account.SignInGuard;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;


/** Scheduling, reading, changing and cancelling meetings, their calendar file and attendance (API.md). */
final class MeetingRoutes {
    static final int LIST_DEFAULT = 100;
    static final int LIST_MAX = 500;
    private final MeetingFeature feature;
    private final SignInGuard guard;

    MeetingRoutes(MeetingFeature feature, SignInGuard guard) {
        this.feature = feature;
        this.guard = guard;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/meetings", this::create);
        routes.get("/api/v1/meetings", this::list);
        routes.get("/api/v1/meetings/{id}", this::show);
        routes.patch("/api/v1/meetings/{id}", this::update);
        routes.delete("/api/v1/meetings/{id}", this::cancel);
        routes.get("/api/v1/meetings/{id}/calendar.ics", this::calendar);
        routes.get("/api/v1/meetings/{id}/attendance", this::attendance);
    }

    private Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void create(Context ctx) {
        Account who = signedIn(ctx);
        var plan = MeetingRequest.create(JsonBody.read(ctx, MeetingRequest.FIELDS), feature.clock().instant());
        Meeting meeting = feature.meetings().create(who, plan);
        ctx.status(201).json(view(feature.meetings().view(who, meeting.id())));
    }

    private void list(Context ctx) {
        Account who = signedIn(ctx);
        String when = ctx.queryParam("when") == null ? "upcoming" : ctx.queryParam("when");
        if (!when.equals("upcoming") && !when.equals("past")) {
            throw ParleyException.invalid("when must be \"upcoming\" or \"past\".");
        }
        int limit = limit(ctx.queryParam("limit"));
        ctx.json(feature.meetings().list(who, when.equals("upcoming"), limit));
    }

    private void show(Context ctx) {
        ctx.json(view(feature.meetings().view(signedIn(ctx), RouteParams.id(ctx))));
    }

    private void update(Context ctx) {
        Account who = signedIn(ctx);
        UUID id = RouteParams.id(ctx);
        var body = JsonBody.read(ctx, MeetingRequest.FIELDS);
        feature.meetings().update(who, id, (current, invitees) ->
                MeetingRequest.update(body, current, invitees, feature.clock().instant()));
        ctx.json(view(feature.meetings().view(who, id)));
    }

    private void cancel(Context ctx) {
        feature.meetings().cancel(signedIn(ctx), RouteParams.id(ctx));
        ctx.status(204);
    }

    private void calendar(Context ctx) {
        var viewed = feature.meetings().view(signedIn(ctx), RouteParams.id(ctx));
        Meeting m = viewed.meeting();
        List<EmailAddress> attendees = viewed.role() == Role.REGISTRANT ? List.of(signedIn(ctx).email()) : viewed.invitees();
        var method = m.cancelled() ? CalendarInvite.Method.CANCEL : CalendarInvite.Method.REQUEST;
        String ics = CalendarInvite.of(m, viewed.organizer(), attendees, feature.links().meeting(m.id()), method,
                feature.clock().instant());
        RouteParams.attachment(ctx, "parley-" + m.id() + ".ics");
        ctx.contentType("text/calendar; charset=utf-8; method=" + method.name()).result(ics);
    }

    private void attendance(Context ctx) {
        Meeting event = feature.meetings().requireOrganizer(signedIn(ctx), RouteParams.id(ctx));
        var stays = feature.attendance().report(event.id());
        if (RouteParams.wantsCsv(ctx)) {
            var csv = new Csv().row(List.of("Session", "Name", "Email", "Joined at", "Left at", "Minutes"));
            for (var s : stays) {
                csv.row(List.of(Integer.toString(s.session()), s.name(), s.email().orElse(""), s.joinedAt().toString(),
                        s.leftAt().map(Object::toString).orElse(""),
                        s.length().map(d -> Long.toString(Math.round(d.toSeconds() / 60.0))).orElse("")));
            }
            RouteParams.csv(ctx, "attendance-" + event.id() + ".csv", csv);
            return;
        }
        ctx.json(stays.stream().map(MeetingView::stay).toList());
    }

    private Map<String, Object> view(Meetings.Viewed viewed) {
        int taken = viewed.meeting().kind().hasRegistration() ? feature.registrations().seatsTaken(viewed.meeting().id()) : 0;
        List<Material> materials = viewed.meeting().kind() == MeetingKind.TRAINING
                ? feature.materials().list(viewed.meeting().id()) : List.of();
        return MeetingView.of(viewed, feature.links(), taken, materials);
    }

    private static int limit(String text) {
        if (text == null) {
            return LIST_DEFAULT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= LIST_MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // same message below
        }
        throw ParleyException.invalid("limit must be a whole number from 1 to " + LIST_MAX + ".");
    }
}
