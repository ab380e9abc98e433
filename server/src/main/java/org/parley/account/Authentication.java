package org.parley.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Signing in and out, and finding who a session cookie belongs to. A wrong email and a wrong
 * password get the same answer in the same time; repeated failures on one account or from one
 * address are slowed down with 429.
 */
public final class Authentication {
    private static final String REFUSED = "The email or password is not right.";
    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final SignInStore signIns;
    private final SecurityHistory history;
    private final PasswordHasher hasher;
    private final AccountLimits limits;
    private final Registration registration;
    private final Clock clock;

    Authentication(AccountModule m, Registration registration) {
        this.jdbi = m.jdbi();
        this.accounts = m.accounts();
        this.signIns = m.signIns();
        this.history = m.history();
        this.hasher = m.hasher();
        this.limits = m.limits();
        this.registration = registration;
        this.clock = m.clock();
    }

    public record SignInResult(Account account, NewSignIn session) {
    }

    public SignInResult signIn(EmailAddress email, String password, boolean remember, ClientInfo client) {
        limits.signInPerIp().charge(client.ip());
        limits.signInFailuresPerAccount().refuseWhileBlocked(email.value());
        var credentials = accounts.credentials(email);
        if (credentials.isEmpty()) {
            hasher.spendTimeOfACheck(password);
            // counted like a known account's failures, or the 429 after the tenth try would tell which emails exist
            limits.signInFailuresPerAccount().acquire(email.value());
            throw new ParleyException(Failure.INVALID_CREDENTIALS, REFUSED);
        }
        Account account = credentials.get().account();
        Instant now = clock.instant();
        if (!hasher.matches(password, credentials.get().passwordHash())) {
            history.record(account.id(), SecurityEventType.SIGN_IN_FAILED, client, now);
            limits.signInFailuresPerAccount().acquire(email.value());
            throw new ParleyException(Failure.INVALID_CREDENTIALS, REFUSED);
        }
        if (credentials.get().disabled()) {
            history.record(account.id(), SecurityEventType.SIGN_IN_FAILED, client, now);
            throw new ParleyException(Failure.FORBIDDEN,
                    "This account has been disabled by the operator of this Parley server. Please contact them.");
        }
        if (!account.emailVerified()) {
            registration.resendVerification(account);
            throw new ParleyException(Failure.EMAIL_NOT_VERIFIED,
                    "Please confirm your email address first: we have sent you a link.");
        }
        limits.signInFailuresPerAccount().reset(email.value());
        NewSignIn session = jdbi.inTransaction(h -> {
            history.record(h, account.id(), SecurityEventType.SIGN_IN, client, now);
            return signIns.start(h, account.id(), remember, client, now);
        });
        return new SignInResult(account, session);
    }

    public void signOut(SignedIn who, ClientInfo client) {
        signIns.end(who.sessionHash());
        history.record(who.account().id(), SecurityEventType.SIGN_OUT, client, clock.instant());
    }

    public Optional<SignedIn> resolve(String sessionToken) {
        return signIns.find(sessionToken, clock.instant());
    }
}
