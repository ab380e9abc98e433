package org.parley.operator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.account.AccountFeature;
import org.parley.account.AccountStore;
import org.parley.account.SignedIn;
import org.parley.privacy.PolicyPublisher;
import org.parley.relay.RelayFeature;
import org.parley.security.SecurityLog;
import org.parley.security.SecurityLogTable;
import org.parley.web.Failure;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;
import org.parley.web.PathIds;

/**
 * {@code /api/v1/operator/...}: the operator's pages' API. Every route but the "am I one" question
 * answers 403 to a signed-in non-operator and 401 to nobody; every change is written to the
 * security log with the operator's address.
 */
final class OperatorRoutes {
    static final int MAX_ACCOUNTS = 50;
    static final int MAX_LOG_ENTRIES = 500;
    private final Operators operators;
    private final AccountFeature accounts;
    private final LiveRooms rooms;
    private final RelayFeature relay;
    private final SecurityLogTable securityLog;
    private final Retention retention;
    private final PolicyPublisher policies;
    private final boolean trustProxy;

    OperatorRoutes(Operators operators, AccountFeature accounts, LiveRooms rooms, RelayFeature relay, SecurityLogTable securityLog,
                   Retention retention, PolicyPublisher policies, boolean trustProxy) {
        this.operators = operators;
        this.accounts = accounts;
        this.rooms = rooms;
        this.relay = relay;
        this.securityLog = securityLog;
        this.retention = retention;
        this.policies = policies;
        this.trustProxy = trustProxy;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/operator", ctx -> ctx.json(Map.of("operator", operators.includes(accounts.guard().require(ctx).account()))));
        routes.get("/api/v1/operator/accounts", this::searchAccounts);
        routes.post("/api/v1/operator/accounts/{id}/disable", ctx -> setDisabled(ctx, true));
        routes.post("/api/v1/operator/accounts/{id}/enable", ctx -> setDisabled(ctx, false));
        routes.get("/api/v1/operator/rooms", ctx -> {
            operator(ctx);
            ctx.json(Map.of("rooms", rooms.now()));
        });
        routes.get("/api/v1/operator/security-log", this::securityLog);
        routes.get("/api/v1/operator/retention", ctx -> {
            operator(ctx);
            ctx.json(retention.periods());
        });
        routes.put("/api/v1/operator/retention", this::changeRetention);
        routes.post("/api/v1/operator/policies", this::publishPolicy);
    }

    private SignedIn operator(Context ctx) {
        return operators.require(accounts.guard().require(ctx));
    }

    private void searchAccounts(Context ctx) {
        operator(ctx);
        String text = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        if (text.length() > 254) {
            throw ParleyException.invalid("Search for at most 254 characters of an email address or name.");
        }
        ctx.json(Map.of("accounts", accounts.accounts().search(text, MAX_ACCOUNTS).stream().map(this::listed).toList()));
    }

    private Map<String, Object> listed(AccountStore.Listed a) {
        var view = new java.util.LinkedHashMap<String, Object>();
        view.put("id", a.id());
        view.put("email", a.email());
        view.put("firstName", a.firstName());
        view.put("lastName", a.lastName());
        view.put("emailVerified", a.emailVerified());
        view.put("createdAt", a.createdAt());
        view.put("disabledAt", a.disabledAt());
        view.put("operator", a.emailVerified() && operators.emails().contains(a.email()));
        return view;
    }

    private void setDisabled(Context ctx, boolean disabled) {
        SignedIn operator = operator(ctx);
        UUID id = PathIds.id(ctx);
        if (disabled && id.equals(operator.account().id())) {
            throw ParleyException.invalid("You cannot disable your own account: another operator must do it.");
        }
        var target = accounts.accounts().find(id).orElseThrow(ParleyException::notFound);
        if (!accounts.setDisabled(id, disabled)) {
            throw ParleyException.notFound();
        }
        if (disabled) {
            relay.evictAccount(id, Failure.FORBIDDEN, "Your account has been disabled by the operator of this Parley server.");
        }
        SecurityLog.event(disabled ? "account_disabled" : "account_enabled", target.email().value(),
                "by operator " + operator.account().email().value());
        ctx.json(accounts.accounts().search(target.email().value(), MAX_ACCOUNTS).stream()
                .filter(a -> a.id().equals(id)).findFirst().map(this::listed).orElseThrow(ParleyException::notFound));
    }

    private void securityLog(Context ctx) {
        operator(ctx);
        Optional<String> event = Optional.ofNullable(ctx.queryParam("event")).map(String::strip).filter(e -> !e.isEmpty());
        if (event.isPresent() && !event.get().matches("[a-z0-9_]{1,60}")) {
            throw ParleyException.invalid("An event name is lower-case letters, digits and underscores, e.g. rate_limited.");
        }
        int limit = Optional.ofNullable(ctx.queryParam("limit")).map(OperatorRoutes::limit).orElse(200);
        securityLog.flush();
        ctx.json(Map.of("entries", securityLog.recent(event, limit)));
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LOG_ENTRIES) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // the message below
        }
        throw ParleyException.invalid("Show 1 to " + MAX_LOG_ENTRIES + " entries.");
    }

    private void changeRetention(Context ctx) {
        SignedIn operator = operator(ctx);
        var body = JsonBody.read(ctx, Set.of("qualityDays", "securityLogDays"));
        var now = retention.periods();
        var wanted = new Retention.Periods(
                body.optionalInteger("qualityDays", Retention.MIN_DAYS, Retention.MAX_DAYS).orElse(now.qualityDays()),
                body.optionalInteger("securityLogDays", Retention.MIN_DAYS, Retention.MAX_DAYS).orElse(now.securityLogDays()));
        var changed = retention.change(wanted, operator.account().email().value());
        SecurityLog.event("retention_changed", operator.account().email().value(),
                "quality reports " + changed.qualityDays() + " days, security log " + changed.securityLogDays() + " days");
        ctx.json(changed);
    }

    private void publishPolicy(Context ctx) {
        SignedIn operator = operator(ctx);
        var body = JsonBody.read(ctx, Set.of("effectiveAt", "material", "text"));
        Instant effectiveAt;
        try {
            effectiveAt = Instant.parse(body.requiredText("effectiveAt", 40));
        } catch (DateTimeParseException e) {
            throw ParleyException.invalid("Takes effect: give a date and time such as 2027-01-31T09:00:00Z.");
        }
        boolean material = body.optionalBoolean("material").orElse(false);
        String text = body.optionalMultilineText("text", 60_000).orElse("");
        org.parley.privacy.Policy policy;
        try {
            policy = policies.publish(effectiveAt, material, text);
        } catch (IllegalArgumentException refused) {
            String message = refused.getMessage();
            throw ParleyException.invalid(Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
        }
        SecurityLog.event("policy_published", operator.account().email().value(),
                "version " + policy.version() + (material ? ", material" : "") + ", effective " + policy.effectiveAt());
        ctx.status(201).json(Map.of("version", policy.version(), "effectiveAt", policy.effectiveAt(), "material", policy.material()));
    }
}
