package org.parley.meeting;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.account.SignInGuard;
import org.parley.security.RateLimiter;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;


/**
 * Registration for webinars and trainings: the public event page and sign-up, the organizer's
 * registrant list and decisions, and the registrant's own page reached with their personal token.
 */
final class RegistrationRoutes {
    private final MeetingFeature feature;
    private final SignInGuard guard;
    private final RateLimiter registrationsPerIp;
    private final boolean trustProxy;

    RegistrationRoutes(MeetingFeature feature, SignInGuard guard, RateLimiter registrationsPerIp, boolean trustProxy) {
        this.feature = feature;
        this.guard = guard;
        this.registrationsPerIp = registrationsPerIp;
        this.trustProxy = trustProxy;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/meetings/{id}/event", this::publicEvent);
        routes.post("/api/v1/meetings/{id}/registrations", this::registerForEvent);
        routes.get("/api/v1/meetings/{id}/registrations", this::registrants);
        routes.patch("/api/v1/meetings/{id}/registrations/{registrationId}", this::decide);
        routes.get("/api/v1/registrations/{token}", this::registrantPage);
        routes.delete("/api/v1/registrations/{token}", this::removeRegistration);
    }

    private Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void publicEvent(Context ctx) {
        Meeting event = feature.registrations().publicEvent(RouteParams.id(ctx));
        var organizer = feature.store().organizer(event.organizerId()).orElseThrow(ParleyException::notFound);
        ctx.json(MeetingView.publicEvent(event, organizer, feature.links(), feature.registrations().seatsTaken(event.id()),
                feature.clock().instant()));
    }

    private void registerForEvent(Context ctx) {
        ClientInfo client = ClientInfo.of(ctx, trustProxy);
        registrationsPerIp.charge(client.ip());
        UUID id = RouteParams.id(ctx);
        var body = JsonBody.read(ctx, Set.of("firstName", "lastName", "email", "answers"));
        var applicant = new Registrations.Applicant(body.requiredText("firstName", 100), body.requiredText("lastName", 100),
                EmailAddress.parse(body.requiredText("email", 254)), body.optionalTextMap("answers", MeetingRequest.MAX_QUESTIONS, 500)
                .orElse(Map.of()));
        Registrant r = feature.registrations().register(id, applicant);
        ctx.status(201).json(Map.of("id", r.id(), "status", r.status().code(), "message", r.status() == Registrant.Status.APPROVED
                ? "You are registered. Your personal join link is on its way by mail."
                : "Thank you. The organizer approves registrations; you will hear by mail."));
    }

    private void registrants(Context ctx) {
        Meeting event = feature.meetings().requireOrganizer(signedIn(ctx), RouteParams.id(ctx));
        List<Registrant> all = feature.registrations().list(event.id());
        if (RouteParams.wantsCsv(ctx)) {
            var header = new ArrayList<>(List.of("First name", "Last name", "Email", "Status", "Registered at"));
            header.addAll(event.questions());
            var csv = new Csv().row(header);
            for (Registrant r : all) {
                var row = new ArrayList<>(List.of(r.firstName(), r.lastName(), r.email().value(), r.status().code(),
                        r.registeredAt().toString()));
                event.questions().forEach(q -> row.add(r.answers().getOrDefault(q, "")));
                csv.row(row);
            }
            RouteParams.csv(ctx, "registrants-" + event.id() + ".csv", csv);
            return;
        }
        ctx.json(all.stream().map(MeetingView::registrant).toList());
    }

    private void decide(Context ctx) {
        Meeting event = feature.meetings().requireOrganizer(signedIn(ctx), RouteParams.id(ctx));
        UUID registrationId = RouteParams.uuid(ctx.pathParam("registrationId"));
        String status = JsonBody.read(ctx, Set.of("status")).requiredText("status", 20);
        var decision = switch (status) {
            case "approved" -> Registrant.Status.APPROVED;
            case "declined" -> Registrant.Status.DECLINED;
            default -> throw ParleyException.invalid("status must be \"approved\" or \"declined\".");
        };
        ctx.json(MeetingView.registrant(feature.registrations().decide(event, registrationId, decision)));
    }

    /** A registrant's own page, reached with the personal token from their mail: no account needed. */
    private void registrantPage(Context ctx) {
        Registrant r = feature.registrations().byToken(ctx.pathParam("token"));
        Meeting event = feature.registrations().publicEvent(r.meetingId());
        var organizer = feature.store().organizer(event.organizerId()).orElseThrow(ParleyException::notFound);
        var registration = new java.util.LinkedHashMap<String, Object>(MeetingView.registrant(r));
        registration.remove("id");
        ctx.json(Map.of("registration", registration,
                "event", MeetingView.publicEvent(event, organizer, feature.links(), feature.registrations().seatsTaken(event.id()),
                        feature.clock().instant()),
                "materials", r.status() == Registrant.Status.APPROVED
                        ? feature.materials().list(event.id()).stream().map(MeetingView::material).toList() : List.of()));
    }

    private void removeRegistration(Context ctx) {
        feature.registrations().removeByToken(ctx.pathParam("token"));
        ctx.status(200).json(Map.of("message", "Your registration and your details for this event are removed."));
    }
}
