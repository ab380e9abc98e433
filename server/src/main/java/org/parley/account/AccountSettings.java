package org.parley.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.parley.mail.Mailer;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/** What a signed-in person changes about their own account: names, email, password, mail preferences, deletion. */
public final class AccountSettings {
    private final AccountModule m;
    private final TokenStore tokens = new TokenStore();

    private final java.util.List<AccountErasure> erasures;

    AccountSettings(AccountModule m, java.util.List<AccountErasure> erasures) {
        this.m = m;
        this.erasures = erasures;
    }

    public record ProfileChange(Optional<String> firstName, Optional<String> lastName, Optional<EmailAddress> email) {
    }

    /** Names change at once; a new email becomes the login only once confirmed from that mailbox. */
    public Account updateProfile(SignedIn who, ProfileChange change, ClientInfo client) {
        Account before = who.account();
        Instant now = m.clock().instant();
        String first = change.firstName().orElse(before.firstName());
        String last = change.lastName().orElse(before.lastName());
        Optional<EmailAddress> newEmail = change.email().filter(e -> !e.equals(before.email()));
        if (newEmail.isPresent()) {
            m.limits().mailPerAddress().charge(newEmail.get().value());
        }
        m.jdbi().useTransaction(h -> {
            if (!first.equals(before.firstName()) || !last.equals(before.lastName())) {
                m.accounts().updateNames(h, before.id(), first, last);
                m.history().record(h, before.id(), SecurityEventType.PROFILE_CHANGED, client, now);
            }
            if (newEmail.isPresent()) {
                EmailAddress target = newEmail.get();
                m.history().record(h, before.id(), SecurityEventType.EMAIL_CHANGE_REQUESTED, client, now);
                // pending either way: the answer (pendingEmail) must not tell whether the address has an account
                m.accounts().setPendingEmail(h, before.id(), target);
                if (m.accounts().emailTaken(h, target)) {
                    // no link to confirm: the address's owner hears of it instead
                    m.mailer().send(m.mails().alreadyRegistered(target));
                } else {
                    var token = tokens.issue(h, before.id(), TokenPurpose.CHANGE_EMAIL, target, now);
                    m.mailer().send(m.mails().confirmNewEmail(before, target, token));
                    m.mailer().send(m.mails().emailChangeNotice(before, target));
                }
            }
        });
        return m.accounts().find(before.id()).orElseThrow(ParleyException::unauthenticated);
    }

    /** Changes the password and signs out every other session of the account. */
    public void changePassword(SignedIn who, String currentPassword, String newPassword, ClientInfo client) {
        Account account = who.account();
        requirePassword(account, currentPassword);
        m.passwordPolicy().requireStrong(newPassword, personalWords(account));
        String hash = m.hasher().hash(newPassword);
        Instant now = m.clock().instant();
        m.jdbi().useTransaction(h -> {
            m.accounts().setPasswordHash(h, account.id(), hash, now);
            m.signIns().endAllExcept(h, account.id(), who.sessionHash());
            m.history().record(h, account.id(), SecurityEventType.PASSWORD_CHANGED, client, now);
        });
        m.mailer().send(m.mails().passwordChanged(account));
    }

    public Preferences setPreferences(SignedIn who, Preferences preferences, ClientInfo client) {
        m.accounts().setPreferences(who.account().id(), preferences);
        m.history().record(who.account().id(), SecurityEventType.PREFERENCES_CHANGED, client, m.clock().instant());
        return preferences;
    }

    /** Erases the account and, by cascade, every row of personal data that refers to it. */
    public void delete(SignedIn who, String password) {
        Account account = who.account();
        requirePassword(account, password);
        m.jdbi().useTransaction(h -> {
            for (AccountErasure erasure : erasures) {
                erasure.erase(h, account);
            }
            m.accounts().delete(h, account.id());
        });
        m.mailer().send(m.mails().deleted(account.email(), account.firstName()));
    }

    private void requirePassword(Account account, String password) {
        String key = account.email().value();
        m.limits().signInFailuresPerAccount().refuseWhileBlocked(key);
        String hash = m.accounts().passwordHash(account.id()).orElseThrow(ParleyException::unauthenticated);
        if (!m.hasher().matches(password, hash)) {
            m.limits().signInFailuresPerAccount().acquire(key);
            throw new ParleyException(Failure.WRONG_PASSWORD, "Your current password is not right.");
        }
    }

    static List<String> personalWords(Account account) {
        return List.of(account.firstName(), account.lastName(), account.email().value().split("@")[0]);
    }
}
