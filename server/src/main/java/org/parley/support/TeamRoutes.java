package org.parley.support;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.account.SignInGuard;
import org.parley.config.PublicUrl;
import org.parley.security.RateLimiter;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.PathIds;
import org.parley.web.ParleyException;

/** Support teams: members, the public request portal, the shared queue and the supervisor's overview. */
final class TeamRoutes {
    private final SupportFeature feature;
    private final SignInGuard guard;
    private final PublicUrl base;
    private final boolean trustProxy;
    private final RateLimiter requestsPerIp;

    TeamRoutes(SupportFeature feature, SignInGuard guard, PublicUrl base, boolean trustProxy, RateLimiter requestsPerIp) {
        this.feature = feature;
        this.guard = guard;
        this.base = base;
        this.trustProxy = trustProxy;
        this.requestsPerIp = requestsPerIp;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/support-teams", this::create);
        routes.get("/api/v1/support-teams", this::list);
        routes.get("/api/v1/support-teams/{id}/members", this::members);
        routes.post("/api/v1/support-teams/{id}/members", this::putMember);
        routes.get("/api/v1/support-teams/{id}/portal", this::portal);
        routes.post("/api/v1/support-teams/{id}/requests", this::request);
        routes.get("/api/v1/support-teams/{id}/queue", this::queue);
        routes.get("/api/v1/support-teams/{id}/overview", this::overview);
    }

    private Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void create(Context ctx) {
        Account who = signedIn(ctx);
        String name = JsonBody.read(ctx, Set.of("name")).requiredText("name", 100);
        var team = feature.teams().create(who, name);
        ctx.status(201).json(team(team.id(), team.name(), "supervisor"));
    }

    private void list(Context ctx) {
        Account who = signedIn(ctx);
        ctx.json(Map.of("teams", feature.teams().of(who).stream().map(m -> team(m.teamId(), m.name(), m.role())).toList()));
    }

    private Map<String, Object> team(UUID id, String name, String role) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", id);
        view.put("name", name);
        view.put("role", role);
        view.put("portalUrl", base.get().resolve("/customer.html?team=" + id).toString());
        return view;
    }

    private void members(Context ctx) {
        Account who = signedIn(ctx);
        ctx.json(Map.of("members", feature.teams().members(who, PathIds.id(ctx)).stream()
                .map(m -> Map.of("accountId", m.accountId(), "name", m.name(), "email", m.email(), "role", m.role())).toList()));
    }

    private void putMember(Context ctx) {
        Account who = signedIn(ctx);
        var body = JsonBody.read(ctx, Set.of("email", "role"));
        EmailAddress email = EmailAddress.parse(body.requiredText("email", 254));
        String role = body.optionalText("role", 20).orElse("technician");
        if (!role.equals("technician") && !role.equals("supervisor")) {
            throw ParleyException.invalid("role must be \"technician\" or \"supervisor\".");
        }
        feature.teams().putMember(who, PathIds.id(ctx), email, role);
        ctx.status(201).json(Map.of("email", email.value(), "role", role));
    }

    private void portal(Context ctx) {
        ctx.json(Map.of("name", feature.teams().portal(PathIds.id(ctx)).name()));
    }

    /** A customer asks a team for help: a queued session and its key, no account needed. */
    private void request(Context ctx) {
        ClientInfo client = ClientInfo.of(ctx, trustProxy);
        requestsPerIp.charge(client.ip());
        UUID teamId = feature.teams().portal(PathIds.id(ctx)).id();
        var body = JsonBody.read(ctx, Set.of("name", "problem"));
        String name = body.requiredText("name", 100);
        Optional<String> problem = body.optionalMultilineText("problem", 2000);
        var opened = feature.sessions().open(Optional.of(teamId), Optional.empty(), Optional.of(name), problem);
        ctx.status(201).json(Map.of("sessionId", opened.session().id(), "supportKey", opened.key(),
                "expiresAt", opened.session().keyExpiresAt()));
    }

    private void queue(Context ctx) {
        Account who = signedIn(ctx);
        List<SupportSession> waiting = feature.teams().queue(who, PathIds.id(ctx));
        ctx.json(Map.of("waiting", waiting.stream().map(s -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("id", s.id());
            entry.put("customerName", s.customerName().orElse("Customer"));
            entry.put("problem", s.problem().orElse(""));
            entry.put("waitingSince", s.createdAt());
            entry.put("customerConnected", s.startedAt().isPresent());
            return entry;
        }).toList()));
    }

    /** Metadata only: who helped whom, when, for how long — never what was seen or said. */
    private void overview(Context ctx) {
        Account who = signedIn(ctx);
        UUID teamId = PathIds.id(ctx);
        var history = feature.teams().history(who, teamId);
        var now = feature.clock().instant();
        var result = new LinkedHashMap<String, Object>();
        result.put("queueLength", feature.store().queue(teamId, now).size());
        var live = Set.of("connected", "reconnecting");
        result.put("active", history.stream().filter(s -> live.contains(s.status(now))).count());
        result.put("history", history.stream().map(s -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("id", s.id());
            entry.put("technician", s.technicianName().orElse(null));
            entry.put("customerName", s.customerName().orElse(null));
            entry.put("createdAt", s.createdAt());
            entry.put("startedAt", s.startedAt().orElse(null));
            entry.put("endedAt", s.endedAt().orElse(null));
            entry.put("status", s.status(now));
            return entry;
        }).toList());
        ctx.json(result);
    }
}
