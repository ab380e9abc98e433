package org.parley.machine;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The owner's and technicians' routes (signed in): approving, listing, the access switch,
 * grants, connecting and the connection list. The machine's own routes are {@link AgentRoutes};
 * the access switch answers both.
 */
final class MachineRoutes {
    private final MachineFeature feature;
    private final SignInGuard guard;
    private final AgentRoutes agent;
    private final RateLimiter connectsPerAccount;
    private final boolean trustProxy;

    MachineRoutes(MachineFeature feature, SignInGuard guard, AgentRoutes agent, RateLimiter connectsPerAccount, boolean trustProxy) {
        this.feature = feature;
        this.guard = guard;
        this.agent = agent;
        this.connectsPerAccount = connectsPerAccount;
        this.trustProxy = trustProxy;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/machines/approve", this::approve);
        routes.get("/api/v1/machines", this::list);
        routes.get("/api/v1/machines/self", agent::self);
        routes.get("/api/v1/machines/{id}", this::show);
        routes.patch("/api/v1/machines/{id}", this::changeAccess);
        routes.delete("/api/v1/machines/{id}", this::forget);
        routes.post("/api/v1/machines/{id}/grants", this::grant);
        routes.delete("/api/v1/machines/{id}/grants/{email}", this::removeGrant);
        routes.post("/api/v1/machines/{id}/connect", this::connect);
        routes.get("/api/v1/machines/{id}/connections", this::connections);
    }

    private Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void approve(Context ctx) {
        Account who = signedIn(ctx);
        String code = JsonBody.read(ctx, Set.of("pairingCode")).requiredText("pairingCode", 40);
        UUID id = feature.enrolment().approve(who, code, ClientInfo.of(ctx, trustProxy));
        ctx.json(ownerView(feature.machines().owned(who, id)));
    }

    private void list(Context ctx) {
        Account who = signedIn(ctx);
        var machines = feature.machines();
        ctx.json(Map.of("owned", machines.owned(who).stream().map(this::ownerView).toList(),
                "granted", machines.granted(who).stream().map(m -> view(m, Optional.empty())).toList()));
    }

    private void show(Context ctx) {
        if (ctx.pathParam("id").equals("self")) { // whichever of the two routes the router picks
            agent.self(ctx);
            return;
        }
        var reached = feature.machines().reach(signedIn(ctx), id(ctx));
        ctx.json(reached.relation() == Machines.Relation.OWNER ? ownerView(reached.machine()) : view(reached.machine(), Optional.empty()));
    }

    /** The owner's session, or the machine itself with its token. */
    private void changeAccess(Context ctx) {
        if (AgentRoutes.bearer(ctx).isPresent()) {
            agent.changeAccess(ctx);
            return;
        }
        Account who = signedIn(ctx);
        Machine m = feature.machines().owned(who, id(ctx));
        var change = AccessChange.read(JsonBody.read(ctx, AccessChange.FIELDS));
        ctx.json(ownerView(feature.machines().changeAccess(m, change.access(), change.pausedUntil(), "owner")));
    }

    private void forget(Context ctx) {
        feature.machines().forget(feature.machines().owned(signedIn(ctx), id(ctx)));
        ctx.status(204);
    }

    private void grant(Context ctx) {
        Account who = signedIn(ctx);
        Machine m = feature.machines().owned(who, id(ctx));
        var technician = EmailAddress.parse(JsonBody.read(ctx, Set.of("email")).requiredText("email", 254));
        feature.machines().grant(m, who, technician);
        ctx.status(201).json(ownerView(m));
    }

    private void removeGrant(Context ctx) {
        Machine m = feature.machines().owned(signedIn(ctx), id(ctx));
        EmailAddress technician;
        try {
            technician = EmailAddress.parse(ctx.pathParam("email"));
        } catch (ParleyException malformed) {
            throw ParleyException.notFound();
        }
        feature.machines().removeGrant(m, technician);
        ctx.status(204);
    }

    private void connect(Context ctx) {
        Account who = signedIn(ctx);
        var reached = feature.machines().reach(who, id(ctx));
        connectsPerAccount.charge(who.id() + ":" + reached.machine().id());
        var granted = feature.connections().connect(reached, who);
        UUID machineId = reached.machine().id();
        ctx.status(201).json(Map.of("connectionId", granted.connectionId(), "ticket", granted.ticket().value(),
                "relayPath", "/api/v1/machines/" + machineId + "/relay?ticket=" + granted.ticket().value()));
    }

    private void connections(Context ctx) {
        Machine m = feature.machines().owned(signedIn(ctx), id(ctx));
        ctx.json(Map.of("connections", feature.connections().list(m).stream().map(MachineView::attempt).toList()));
    }

    private Map<String, Object> ownerView(Machine m) {
        return view(m, Optional.of(feature.machines().grants(m.id())));
    }

    private Map<String, Object> view(Machine m, Optional<List<EmailAddress>> grants) {
        return MachineView.of(m, feature.clock().instant(), feature.machines().online(m.id()), grants);
    }

    static UUID id(Context ctx) {
        return org.parley.web.PathIds.id(ctx);
    }

    /** A PATCH of the access switch, checked once here. */
    record AccessChange(Status access, Optional<Instant> pausedUntil) {
        static final Set<String> FIELDS = Set.of("access", "pausedUntil");

        static AccessChange read(JsonBody body) {
            String access = body.requiredText("access", 20);
            Status status = switch (access) {
                case "enabled" -> Status.ENABLED;
                case "paused" -> Status.PAUSED;
                case "revoked" -> Status.REVOKED;
                default -> throw ParleyException.invalid("access must be \"enabled\", \"paused\" or \"revoked\".");
            };
            Optional<Instant> until = body.optionalText("pausedUntil", 40).map(AccessChange::instant);
            if (until.isPresent() && status != Status.PAUSED) {
                throw ParleyException.invalid("pausedUntil goes only with access \"paused\".");
            }
            return new AccessChange(status, until);
        }

        private static Instant instant(String text) {
            try {
                return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
            } catch (DateTimeParseException e) {
                throw ParleyException.invalid("pausedUntil must be a date and time with its offset, such as 2027-03-01T10:00:00Z.");
            }
        }
    }
}
