package org.parley.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.parley.mail.Mailer;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Creating accounts and confirming email addresses. Registering an address that already has an
 * account answers exactly like a new registration and mails the owner instead, so the answer
 * never tells a stranger who has an account.
 */
public final class Registration {
    private final Jdbi jdbi;
    private final AccountStore accounts;
    private final TokenStore tokens = new TokenStore();
    private final SecurityHistory history;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final AccountMails mails;
    private final AccountLimits limits;
    private final Clock clock;

    Registration(AccountModule m) {
        this.jdbi = m.jdbi();
        this.accounts = m.accounts();
        this.history = m.history();
        this.policy = m.passwordPolicy();
        this.hasher = m.hasher();
        this.mailer = m.mailer();
        this.mails = m.mails();
        this.limits = m.limits();
        this.clock = m.clock();
    }

    public record Applicant(String firstName, String lastName, EmailAddress email, String password) {
    }

    /** Returns the account as the client sees it; for a taken address, an identical-looking one that is not stored. */
    public Account register(Applicant who, ClientInfo client) {
        limits.registrationPerIp().charge(client.ip());
        policy.requireStrong(who.password(), List.of(who.firstName(), who.lastName(), who.email().value().split("@")[0]));
        String hash = hasher.hash(who.password());
        Instant now = clock.instant();
        var account = new Account(UUID.randomUUID(), who.email(), who.firstName(), who.lastName(), false,
                Optional.empty(), now, now, Preferences.NONE);
        boolean created;
        try {
            created = jdbi.inTransaction(h -> {
                if (!accounts.insert(h, account, hash)) {
                    return false;
                }
                history.record(h, account.id(), SecurityEventType.ACCOUNT_CREATED, client, now);
                var token = tokens.issue(h, account.id(), TokenPurpose.VERIFY_EMAIL, account.email(), now);
                mailer.send(mails.verify(account, token));
                return true;
            });
        } catch (JdbiException raced) {
            // two registrations of one address at once both passed the check; the unique index let one win
            if (!AccountStore.violatesUniqueIndex(raced)) {
                throw raced;
            }
            created = false;
        }
        if (!created && limits.mailPerAddress().acquire(who.email().value()).isEmpty()) {
            mailer.send(mails.alreadyRegistered(who.email()));
        }
        return account;
    }

    /** Redeems a link from a verification or email-change mail. */
    public void verify(String token, ClientInfo client) {
        limits.tokenPerIp().charge(client.ip());
        Instant now = clock.instant();
        boolean done = jdbi.inTransaction(h -> {
            var signup = tokens.redeem(h, token, TokenPurpose.VERIFY_EMAIL, now);
            if (signup.isPresent()) {
                accounts.applyEmail(h, signup.get().accountId(), signup.get().email());
                history.record(h, signup.get().accountId(), SecurityEventType.EMAIL_VERIFIED, client, now);
                return true;
            }
            var change = tokens.redeem(h, token, TokenPurpose.CHANGE_EMAIL, now);
            if (change.isEmpty()) {
                return false;
            }
            if (accounts.emailTaken(h, change.get().email())) {
                throw new ParleyException(Failure.CONFLICT, "That email address is already used by another account.");
            }
            accounts.applyEmail(h, change.get().accountId(), change.get().email());
            history.record(h, change.get().accountId(), SecurityEventType.EMAIL_CHANGED, client, now);
            return true;
        });
        if (!done) {
            throw new ParleyException(Failure.INVALID_TOKEN,
                    "This link is not valid any more. It may have been used already or expired; sign in to get a new one.");
        }
    }

    /** Sends a fresh verification link, at most a few per hour per address. */
    void resendVerification(Account account) {
        if (limits.mailPerAddress().acquire(account.email().value()).isPresent()) {
            return;
        }
        var token = jdbi.inTransaction(h -> tokens.issue(h, account.id(), TokenPurpose.VERIFY_EMAIL, account.email(), clock.instant()));
        mailer.send(mails.verify(account, token));
    }
}
