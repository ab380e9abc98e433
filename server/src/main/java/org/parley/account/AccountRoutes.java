package org.parley.account;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import org.parley.web.ClientInfo;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;

/** HTTP routes of the account feature (API.md, Accounts and privacy): parse, validate, call the services. */
public final class AccountRoutes {
    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    static final int TOKEN_MAX = 100;
    private final AccountFeature feature;
    private final SignInCookies cookies;
    private final boolean trustProxy;

    AccountRoutes(AccountFeature feature, SignInCookies cookies, boolean trustProxy) {
        this.feature = feature;
        this.cookies = cookies;
        this.trustProxy = trustProxy;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/accounts", this::createAccount);
        routes.post("/api/v1/accounts/verify", this::verify);
        routes.post("/api/v1/session", this::signIn);
        routes.delete("/api/v1/session", this::signOut);
        routes.get("/api/v1/me", this::me);
        routes.patch("/api/v1/me", this::updateProfile);
        routes.delete("/api/v1/me", this::deleteAccount);
        routes.post("/api/v1/me/password", this::changePassword);
        routes.get("/api/v1/me/history", ctx -> ctx.json(feature.history().recent(guard().require(ctx).account().id())));
        routes.get("/api/v1/me/preferences", ctx -> ctx.json(guard().require(ctx).account().preferences()));
        routes.put("/api/v1/me/preferences", this::setPreferences);
        routes.post("/api/v1/password-reset", this::requestReset);
        routes.post("/api/v1/password-reset/confirm", this::confirmReset);
    }

    /**
     * The name columns hold {@value #NAME_MAX} characters, but H2 counts UTF-16 units where PostgreSQL
     * counts code points: capping the UTF-16 length (an emoji counts two) makes both store what is accepted.
     */
    private static String storable(String field, String name) {
        if (name.length() > NAME_MAX) {
            throw ParleyException.invalid(org.parley.web.FieldLabel.of(field) + " must be at most " + NAME_MAX + " characters (an emoji counts as two).");
        }
        return name;
    }

    private SignInGuard guard() {
        return feature.guard();
    }

    private ClientInfo client(Context ctx) {
        return ClientInfo.of(ctx, trustProxy);
    }

    private void createAccount(Context ctx) {
        var body = JsonBody.read(ctx, Set.of("firstName", "lastName", "email", "password"));
        var applicant = new Registration.Applicant(storable("firstName", body.requiredText("firstName", NAME_MAX)),
                storable("lastName", body.requiredText("lastName", NAME_MAX)),
                EmailAddress.parse(body.requiredText("email", EMAIL_MAX)), body.requiredSecret("password", PasswordPolicy.MAX_LENGTH));
        Account a = feature.registration().register(applicant, client(ctx));
        ctx.status(201).json(new ProfileView.Registered(a.id(), a.email().value(), a.firstName(), a.lastName()));
    }

    private void verify(Context ctx) {
        var body = JsonBody.read(ctx, Set.of("token"));
        feature.registration().verify(body.requiredText("token", TOKEN_MAX), client(ctx));
        ctx.status(204);
    }

    private void signIn(Context ctx) {
        var body = JsonBody.read(ctx, Set.of("email", "password", "remember"));
        var email = EmailAddress.parse(body.requiredText("email", EMAIL_MAX));
        String password = body.requiredSecret("password", PasswordPolicy.MAX_LENGTH);
        boolean remember = body.optionalBoolean("remember").orElse(false);
        var result = feature.authentication().signIn(email, password, remember, client(ctx));
        // the session cookie from before is ended once the new one exists: the new session gets new tokens
        // (no fixation), and a failed attempt — which needs no CSRF token — cannot sign anyone out
        guard().current(ctx).ifPresent(old -> feature.signIns().end(old.sessionHash()));
        cookies.set(ctx, result.session());
        ctx.json(ProfileView.of(result.account(), feature.pendingPolicy()));
    }

    private void signOut(Context ctx) {
        guard().current(ctx).ifPresent(who -> {
            guard().require(ctx);
            feature.authentication().signOut(who, client(ctx));
        });
        cookies.clear(ctx);
        ctx.status(204);
    }

    private void me(Context ctx) {
        ctx.json(ProfileView.of(guard().require(ctx).account(), feature.pendingPolicy()));
    }

    private void updateProfile(Context ctx) {
        SignedIn who = guard().require(ctx);
        var body = JsonBody.read(ctx, Set.of("firstName", "lastName", "email"));
        var change = new AccountSettings.ProfileChange(body.optionalText("firstName", NAME_MAX).map(n -> storable("firstName", n)),
                body.optionalText("lastName", NAME_MAX).map(n -> storable("lastName", n)),
                body.optionalText("email", EMAIL_MAX).map(EmailAddress::parse));
        ctx.json(ProfileView.of(feature.settings().updateProfile(who, change, client(ctx)), feature.pendingPolicy()));
    }

    private void changePassword(Context ctx) {
        SignedIn who = guard().require(ctx);
        var body = JsonBody.read(ctx, Set.of("currentPassword", "newPassword"));
        feature.settings().changePassword(who, body.requiredSecret("currentPassword", PasswordPolicy.MAX_LENGTH),
                body.requiredSecret("newPassword", PasswordPolicy.MAX_LENGTH), client(ctx));
        ctx.status(204);
    }

    private void setPreferences(Context ctx) {
        SignedIn who = guard().require(ctx);
        var body = JsonBody.read(ctx, Set.of("newsletter", "offers"));
        var preferences = new Preferences(body.requiredBoolean("newsletter"), body.requiredBoolean("offers"));
        ctx.json(feature.settings().setPreferences(who, preferences, client(ctx)));
    }

    private void deleteAccount(Context ctx) {
        SignedIn who = guard().require(ctx);
        var body = JsonBody.read(ctx, Set.of("password"));
        feature.settings().delete(who, body.requiredSecret("password", PasswordPolicy.MAX_LENGTH));
        cookies.clear(ctx);
        ctx.status(204);
    }

    private void requestReset(Context ctx) {
        var body = JsonBody.read(ctx, Set.of("email"));
        feature.passwordReset().request(EmailAddress.parse(body.requiredText("email", EMAIL_MAX)), client(ctx));
        ctx.status(202).json(java.util.Map.of("message", "If an account uses this address, a reset link is on its way."));
    }

    private void confirmReset(Context ctx) {
        var body = JsonBody.read(ctx, Set.of("token", "newPassword"));
        feature.passwordReset().confirm(body.requiredText("token", TOKEN_MAX),
                body.requiredSecret("newPassword", PasswordPolicy.MAX_LENGTH), client(ctx));
        ctx.status(204);
    }
}
