package org.parley.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.parley.security.SecretToken;

/** SQL for mailed one-time tokens; only their hashes are stored, and each can be used once. */
final class TokenStore {
    record Redeemed(UUID accountId, EmailAddress email) {
    }

    SecretToken issue(Handle h, UUID accountId, TokenPurpose purpose, EmailAddress email, Instant now) {
        if (purpose != TokenPurpose.VERIFY_EMAIL) {
            // a new reset or address-change link makes the older one stop working; verification
            // links all stay valid, so the first mail still works after a resend
            deleteAll(h, accountId, purpose);
        }
        SecretToken token = SecretToken.generate();
        h.createUpdate("insert into account_tokens (token_hash, account_id, purpose, email, created_at, expires_at) "
                        + "values (:hash, :id, :purpose, :email, :now, :expires)")
                .bind("hash", token.hash()).bind("id", accountId).bind("purpose", purpose.name())
                .bind("email", email.value()).bind("now", Timestamp.from(now))
                .bind("expires", Timestamp.from(now.plus(purpose.lifetime()))).execute();
        return token;
    }

    /** Consumes the token if it is live and for this purpose. */
    Optional<Redeemed> redeem(Handle h, String token, TokenPurpose purpose, Instant now) {
        if (!SecretToken.wellFormed(token)) {
            return Optional.empty();
        }
        String hash = new SecretToken(token).hash();
        Optional<Redeemed> found = h.createQuery("select account_id, email from account_tokens "
                        + "where token_hash = :hash and purpose = :purpose and expires_at > :now")
                .bind("hash", hash).bind("purpose", purpose.name()).bind("now", Timestamp.from(now))
                .map((rs, ctx) -> new Redeemed(rs.getObject("account_id", UUID.class), new EmailAddress(rs.getString("email"))))
                .findOne();
        found.ifPresent(r -> h.createUpdate("delete from account_tokens where token_hash = :hash").bind("hash", hash).execute());
        return found;
    }

    void deleteAll(Handle h, UUID accountId, TokenPurpose purpose) {
        h.createUpdate("delete from account_tokens where account_id = :id and purpose = :purpose")
                .bind("id", accountId).bind("purpose", purpose.name()).execute();
    }

    void purgeExpired(Handle h, Instant now) {
        h.createUpdate("delete from account_tokens where expires_at <= :now").bind("now", Timestamp.from(now)).execute();
    }
}
