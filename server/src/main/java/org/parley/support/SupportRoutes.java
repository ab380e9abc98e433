package org.parley.support;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.account.SignInGuard;
import org.parley.config.PublicUrl;
import org.parley.security.RateLimiter;
import org.parley.security.SecurityLog;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.PathIds;
import org.parley.web.ParleyException;

/** Support sessions over HTTP (API.md "Support and machines"). */
final class SupportRoutes {
    private final SupportFeature feature;
    private final SignInGuard guard;
    private final PublicUrl base;
    private final boolean trustProxy;
    private final KeyGuessing guessing;
    private final RateLimiter opensPerAccount;

    SupportRoutes(SupportFeature feature, SignInGuard guard, PublicUrl base, boolean trustProxy, KeyGuessing guessing,
                  RateLimiter opensPerAccount) {
        this.feature = feature;
        this.guard = guard;
        this.base = base;
        this.trustProxy = trustProxy;
        this.guessing = guessing;
        this.opensPerAccount = opensPerAccount;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/support-sessions", this::open);
        routes.get("/api/v1/support-sessions", this::list);
        routes.post("/api/v1/support-sessions/join", this::join);
        routes.get("/api/v1/support-sessions/{id}", this::show);
        routes.post("/api/v1/support-sessions/{id}/end", this::end);
        routes.post("/api/v1/support-sessions/{id}/pickup", this::pickUp);
        routes.post("/api/v1/support-sessions/{id}/transfer", this::transfer);
        routes.post("/api/v1/support-sessions/{id}/invite", this::invite);
    }

    private Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void open(Context ctx) {
        Account who = signedIn(ctx);
        // every open session holds one of a billion keys: a runaway script must not fill the key space
        opensPerAccount.charge(who.id().toString());
        var body = JsonBody.read(ctx, Set.of("teamId"));
        Optional<UUID> team = body.optionalText("teamId", 36).map(PathIds::uuid);
        team.ifPresent(id -> feature.teams().memberOf(who, id));
        var opened = feature.sessions().open(team, Optional.of(who.id()), Optional.empty(), Optional.empty());
        var view = view(opened.session(), "technician", Optional.of(opened.key()));
        ctx.status(201).json(view);
    }

    private void list(Context ctx) {
        Account who = signedIn(ctx);
        ctx.json(Map.of("sessions", feature.sessions().mine(who).stream().map(s -> view(s, "technician", Optional.empty())).toList()));
    }

    private void show(Context ctx) {
        Account who = signedIn(ctx);
        SupportSession session = feature.sessions().visible(who, PathIds.id(ctx));
        ctx.json(view(session, feature.sessions().roleOf(who, session), Optional.empty()));
    }

    /** The customer's key buys a ticket into the relay; wrong keys are counted per address and network (KeyGuessing). */
    private void join(Context ctx) {
        ClientInfo client = ClientInfo.of(ctx, trustProxy);
        guessing.attempt(client).ifPresent(wait -> {
            throw ParleyException.rateLimited(wait);
        });
        var body = JsonBody.read(ctx, Set.of("supportKey", "name")); // a malformed request counts for this address only
        String key = body.requiredText("supportKey", 20);
        Optional<String> name = body.optionalText("name", 100);
        SupportSessions.Redeemed redeemed;
        try {
            redeemed = feature.sessions().redeem(key, name);
        } catch (ParleyException wrong) {
            SecurityLog.refused("support_key_refused", client, wrong.getMessage());
            guessing.wrong(client);
            throw wrong;
        }
        guessing.right(client);
        SupportSession s = redeemed.session();
        var result = new LinkedHashMap<String, Object>();
        result.put("sessionId", s.id());
        result.put("ticket", redeemed.ticket());
        result.put("relayPath", relayPath(s.id()) + "?ticket=" + redeemed.ticket());
        result.put("technician", s.technicianName().map(n -> Map.of("name", n)).orElse(null));
        result.put("organisation", s.teamId().flatMap(t -> feature.store().team(t)).map(SupportStore.Team::name).orElse(null));
        ctx.json(result);
    }

    private void end(Context ctx) {
        feature.sessions().end(signedIn(ctx), PathIds.id(ctx));
        ctx.status(204);
    }

    private void pickUp(Context ctx) {
        Account who = signedIn(ctx);
        ctx.json(view(feature.sessions().pickUp(who, PathIds.id(ctx)), "technician", Optional.empty()));
    }

    private void transfer(Context ctx) {
        Account who = signedIn(ctx);
        var body = JsonBody.read(ctx, Set.of("email"));
        feature.sessions().transfer(who, PathIds.id(ctx), EmailAddress.parse(body.requiredText("email", 254)));
        ctx.status(204);
    }

    private void invite(Context ctx) {
        Account who = signedIn(ctx);
        var body = JsonBody.read(ctx, Set.of("email"));
        feature.sessions().invite(who, PathIds.id(ctx), EmailAddress.parse(body.requiredText("email", 254)));
        ctx.status(204);
    }

    static String relayPath(UUID id) {
        return "/api/v1/support-sessions/" + id + "/relay";
    }

    /** The session as {@code role} may see it; the key only right after it was made (it is not stored in the clear). */
    Map<String, Object> view(SupportSession s, String role, Optional<String> key) {
        Instant now = feature.clock().instant();
        var view = new LinkedHashMap<String, Object>();
        view.put("id", s.id());
        view.put("status", s.status(now));
        key.ifPresent(k -> {
            view.put("supportKey", k);
            view.put("customerUrl", base.get().resolve("/customer.html#key=" + k).toString());
        });
        view.put("expiresAt", s.keyExpiresAt());
        view.put("customerName", s.customerName().orElse(null));
        view.put("problem", s.problem().orElse(null));
        view.put("technician", s.technicianName().map(n -> Map.of("name", n, "email", s.technicianEmail().orElse(""))).orElse(null));
        view.put("teamId", s.teamId().orElse(null));
        view.put("createdAt", s.createdAt());
        view.put("startedAt", s.startedAt().orElse(null));
        view.put("endedAt", s.endedAt().orElse(null));
        view.put("relayPath", relayPath(s.id()));
        view.put("role", role);
        return view;
    }
}
