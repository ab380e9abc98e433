package org.parley.account;

import io.javalin.config.RoutesConfig;

/** The account feature assembled: its services, its guard for other features, and its routes. */
public final class AccountFeature {
    private final AccountModule module;
    private final Registration registration;
    private final Authentication authentication;
    private final AccountSettings settings;
    private final PasswordReset passwordReset;
    private final SignInGuard guard;
    private final PendingPolicy pendingPolicy;
    private final java.util.List<AccountErasure> erasures = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AccountFeature(AccountModule module, PendingPolicy pendingPolicy) {
        this.module = module;
        this.pendingPolicy = pendingPolicy;
        this.registration = new Registration(module);
        this.authentication = new Authentication(module, registration);
        this.settings = new AccountSettings(module, erasures);
        this.passwordReset = new PasswordReset(module);
        this.guard = new SignInGuard(authentication);
    }

    public void registerRoutes(RoutesConfig routes, SignInCookies cookies, boolean trustProxy) {
        new AccountRoutes(this, cookies, trustProxy).register(routes);
    }

    /** Another feature's part of deleting an account; runs in the deletion's transaction. */
    public void onDelete(AccountErasure erasure) {
        erasures.add(erasure);
    }

    public SignInGuard guard() {
        return guard;
    }

    public AccountStore accounts() {
        return module.accounts();
    }

    public SecurityHistory history() {
        return module.history();
    }

    SignInStore signIns() {
        return module.signIns();
    }

    Registration registration() {
        return registration;
    }

    Authentication authentication() {
        return authentication;
    }

    AccountSettings settings() {
        return settings;
    }

    PasswordReset passwordReset() {
        return passwordReset;
    }

    PendingPolicy pendingPolicy() {
        return pendingPolicy;
    }

    /**
     * An operator disables ({@code true}) or enables an account. Disabling ends its sign-in sessions
     * at once (and a session that slipped through would not resolve: sessions of a disabled account
     * are ignored); the caller closes its live relay connections. False if there is no such account.
     */
    public boolean setDisabled(java.util.UUID id, boolean disabled) {
        var now = module.clock().instant();
        return module.jdbi().inTransaction(h -> {
            boolean found = module.accounts().setDisabled(h, id, disabled ? java.util.Optional.of(now) : java.util.Optional.empty());
            if (found && disabled) {
                module.signIns().endAll(h, id);
            }
            return found;
        });
    }

    /** Deletes expired sessions and mailed links: nothing is kept past its use. */
    public void purgeExpired() {
        var now = module.clock().instant();
        module.jdbi().useTransaction(h -> {
            module.signIns().purgeExpired(h, now);
            new TokenStore().purgeExpired(h, now);
        });
    }
}
