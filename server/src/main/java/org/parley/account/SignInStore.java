package org.parley.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parley.security.SecretToken;
import org.parley.web.ClientInfo;

/**
 * SQL for sign-ins: a browser's signed-in state (the {@code sessions} table, the {@code parley_session}
 * cookie — names kept for stored data and the API; in code "session" means the encrypted session of
 * the protocol). A sign-in lives 12 hours, or 30 days with "keep me signed in"; only token hashes are stored.
 */
public final class SignInStore {
    static final Duration SHORT = Duration.ofHours(12);
    static final Duration REMEMBERED = Duration.ofDays(30);
    /** last_seen_at is written at most this often, so reading pages does not mean a write per request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final Jdbi jdbi;

    public SignInStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    NewSignIn start(Handle h, UUID accountId, boolean remember, ClientInfo client, Instant now) {
        var session = new NewSignIn(SecretToken.generate(), SecretToken.generate(), remember);
        h.createUpdate("insert into sessions (token_hash, account_id, csrf_hash, remember, created_at, last_seen_at, "
                        + "expires_at, ip, user_agent) values (:hash, :id, :csrf, :remember, :now, :now, :expires, :ip, :ua)")
                .bind("hash", session.session().hash()).bind("id", accountId).bind("csrf", session.csrf().hash())
                .bind("remember", remember).bind("now", Timestamp.from(now))
                .bind("expires", Timestamp.from(now.plus(remember ? REMEMBERED : SHORT)))
                .bind("ip", client.ip()).bind("ua", client.userAgent()).execute();
        return session;
    }

    Optional<SignedIn> find(String token, Instant now) {
        if (!SecretToken.wellFormed(token)) {
            return Optional.empty();
        }
        String hash = new SecretToken(token).hash();
        return jdbi.withHandle(h -> {
            Optional<SignedIn> found = h.createQuery("select a.*, s.csrf_hash, s.last_seen_at from sessions s "
                            + "join accounts a on a.id = s.account_id where s.token_hash = :hash and s.expires_at > :now "
                            + "and a.disabled_at is null")
                    .bind("hash", hash).bind("now", Timestamp.from(now))
                    .map((rs, ctx) -> {
                        if (rs.getTimestamp("last_seen_at").toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                            h.createUpdate("update sessions set last_seen_at = :now where token_hash = :hash")
                                    .bind("now", Timestamp.from(now)).bind("hash", hash).execute();
                        }
                        return new SignedIn(AccountStore.account(rs, ctx), hash, rs.getString("csrf_hash"));
                    })
                    .findOne();
            return found;
        });
    }

    void end(String sessionHash) {
        jdbi.useHandle(h -> h.createUpdate("delete from sessions where token_hash = :hash").bind("hash", sessionHash).execute());
    }

    void endAllExcept(Handle h, UUID accountId, String keepHash) {
        h.createUpdate("delete from sessions where account_id = :id and token_hash <> :keep")
                .bind("id", accountId).bind("keep", keepHash).execute();
    }

    void endAll(Handle h, UUID accountId) {
        h.createUpdate("delete from sessions where account_id = :id").bind("id", accountId).execute();
    }

    void purgeExpired(Handle h, Instant now) {
        h.createUpdate("delete from sessions where expires_at <= :now").bind("now", Timestamp.from(now)).execute();
    }
}
