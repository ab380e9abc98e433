package org.parley.account;

import java.time.Instant;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * "Forgot my password" by mail. The request answers the same whether or not the address has an
 * account; a reset signs out every session, because whoever knew the old password is out.
 */
public final class PasswordReset {
    private final AccountModule m;
    private final TokenStore tokens = new TokenStore();

    PasswordReset(AccountModule m) {
        this.m = m;
    }

    public void request(EmailAddress email, ClientInfo client) {
        m.limits().resetPerIp().charge(client.ip());
        if (m.limits().mailPerAddress().acquire(email.value()).isPresent()) {
            return; // silently: a 429 here would tell that the address gets mail from us
        }
        m.accounts().credentials(email).ifPresent(found -> {
            Account account = found.account();
            Instant now = m.clock().instant();
            var token = m.jdbi().inTransaction(h -> {
                m.history().record(h, account.id(), SecurityEventType.PASSWORD_RESET_REQUESTED, client, now);
                return tokens.issue(h, account.id(), TokenPurpose.RESET_PASSWORD, account.email(), now);
            });
            m.mailer().send(m.mails().reset(account, token));
        });
    }

    public void confirm(String token, String newPassword, ClientInfo client) {
        m.limits().tokenPerIp().charge(client.ip());
        Instant now = m.clock().instant();
        Account account = m.jdbi().inTransaction(h -> {
            var redeemed = tokens.redeem(h, token, TokenPurpose.RESET_PASSWORD, now).orElseThrow(() ->
                    new ParleyException(Failure.INVALID_TOKEN, "This reset link is not valid any more. Please ask for a new one."));
            Account owner = m.accounts().find(redeemed.accountId()).orElseThrow(ParleyException::notFound);
            // a weak password throws here and rolls the transaction back, so the link still works
            m.passwordPolicy().requireStrong(newPassword, AccountSettings.personalWords(owner));
            m.accounts().setPasswordHash(h, owner.id(), m.hasher().hash(newPassword), now);
            m.accounts().markVerified(h, owner.id()); // the link proved the mailbox is theirs
            m.signIns().endAll(h, owner.id());
            m.history().record(h, owner.id(), SecurityEventType.PASSWORD_RESET, client, now);
            return owner;
        });
        m.limits().signInFailuresPerAccount().reset(account.email().value());
        m.mailer().send(m.mails().passwordChanged(account));
    }
}
