package org.parley.account;

import org.parley.config.PublicUrl;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.parley.mail.Mailer;

/** The account feature's shared parts, wired once by the composition root. */
public record AccountModule(
        Jdbi jdbi,
        AccountStore accounts,
        SignInStore signIns,
        SecurityHistory history,
        PasswordPolicy passwordPolicy,
        PasswordHasher hasher,
        Mailer mailer,
        AccountMails mails,
        AccountLimits limits,
        Clock clock) {

    public static AccountModule create(Jdbi jdbi, Mailer mailer, PublicUrl baseUrl, AccountLimits limits, Clock clock) {
        return new AccountModule(jdbi, new AccountStore(jdbi), new SignInStore(jdbi), new SecurityHistory(jdbi),
                new PasswordPolicy(), new PasswordHasher(), mailer, new AccountMails(baseUrl), limits, clock);
    }
}
