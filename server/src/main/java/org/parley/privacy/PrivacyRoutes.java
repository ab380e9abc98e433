package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.parley.account.AccountFeature;
import org.parley.account.EmailAddress;
import org.parley.account.Preferences;
import org.parley.account.SecurityEventType;
import org.parley.account.SignedIn;
import org.parley.security.RateLimiter;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;

/** HTTP routes for export, unsubscribe and the privacy policy (API.md, Accounts and privacy). */
public final class PrivacyRoutes {
    private static final String UNSUBSCRIBED = "If this address gets marketing mail from us, it will not any more.";
    private final AccountFeature accounts;
    private final AccountExport export;
    private final UnsubscribeTokens unsubscribeTokens;
    private final PolicyStore policies;
    private final RateLimiter unsubscribePerIp;
    private final boolean trustProxy;
    private final Clock clock;

    public PrivacyRoutes(AccountFeature accounts, AccountExport export, UnsubscribeTokens unsubscribeTokens,
                         PolicyStore policies, RateLimiter unsubscribePerIp, boolean trustProxy, Clock clock) {
        this.accounts = accounts;
        this.export = export;
        this.unsubscribeTokens = unsubscribeTokens;
        this.policies = policies;
        this.unsubscribePerIp = unsubscribePerIp;
        this.trustProxy = trustProxy;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/me/export", this::export);
        routes.post("/api/v1/unsubscribe", this::unsubscribeByForm);
        routes.post("/api/v1/unsubscribe/{token}", this::unsubscribeOneClick);
        routes.get("/api/v1/policy", this::policy);
        routes.post("/api/v1/me/policy-acceptance", this::acceptPolicy);
    }

    private void export(Context ctx) {
        SignedIn who = accounts.guard().require(ctx);
        accounts.history().record(who.account().id(), SecurityEventType.DATA_EXPORTED, client(ctx), clock.instant());
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        ctx.header("Content-Disposition", "attachment; filename=\"parley-export-" + day + ".json\"");
        ctx.json(export.of(who.account(), clock.instant()));
    }

    /** The form: whatever the address, the same answer, so it tells nobody who has an account. */
    private void unsubscribeByForm(Context ctx) {
        chargeIp(ctx);
        var body = JsonBody.read(ctx, Set.of("email", "newsletter", "offers"));
        var email = EmailAddress.parse(body.requiredText("email", 254));
        var keep = new Preferences(body.optionalBoolean("newsletter").orElse(false), body.optionalBoolean("offers").orElse(false));
        unsubscribe(email, keep, ctx);
        ctx.status(202).json(Map.of("message", UNSUBSCRIBED));
    }

    /** RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" here; no sign-in, no questions. */
    private void unsubscribeOneClick(Context ctx) {
        chargeIp(ctx);
        var email = unsubscribeTokens.verify(ctx.pathParam("token")).orElseThrow(() ->
                new ParleyException(Failure.INVALID_TOKEN, "This unsubscribe link is damaged. Use the form on the unsubscribe page instead."));
        unsubscribe(email, Preferences.NONE, ctx);
        ctx.status(200).json(Map.of("message", "You are unsubscribed from all marketing mail.", "email", email.value()));
    }

    private void unsubscribe(EmailAddress email, Preferences keep, Context ctx) {
        accounts.accounts().unsubscribe(email, keep);
        accounts.accounts().idOf(email).ifPresent(id ->
                accounts.history().record(id, SecurityEventType.UNSUBSCRIBED, client(ctx), clock.instant()));
    }

    private void policy(Context ctx) {
        var now = clock.instant();
        var current = policies.current(now);
        var body = new LinkedHashMap<String, Object>();
        body.put("version", current.version());
        body.put("effectiveAt", current.effectiveAt());
        body.put("material", current.material());
        body.put("text", current.text());
        policies.upcoming(now).ifPresent(next -> body.put("upcoming", Map.of("version", next.version(),
                "effectiveAt", next.effectiveAt(), "material", next.material(), "text", next.text())));
        ctx.json(body);
    }

    private void acceptPolicy(Context ctx) {
        SignedIn who = accounts.guard().require(ctx);
        int version = JsonBody.read(ctx, Set.of("version")).optionalInteger("version", 1, Integer.MAX_VALUE)
                .orElseThrow(() -> ParleyException.invalid("version is required."));
        if (!policies.exists(version) || policies.current(clock.instant()).version() < version) {
            throw ParleyException.invalid("There is no policy version " + version + " in force to accept.");
        }
        policies.accept(who.account().id(), version, clock.instant());
        accounts.history().record(who.account().id(), SecurityEventType.POLICY_ACCEPTED, client(ctx), clock.instant());
        ctx.status(204);
    }

    private void chargeIp(Context ctx) {
        unsubscribePerIp.charge(client(ctx).ip());
    }

    private ClientInfo client(Context ctx) {
        return ClientInfo.of(ctx, trustProxy);
    }
}
