package org.parley.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.parley.security.SecretToken;

/**
 * One meeting under way, organized by the first of the accounts, with every other one invited,
 * and a signed-in browser session per account. Sessions are written as the sign-in route writes
 * them (only the token's hash is stored), so the relay's upgrade resolves each cookie as usual
 * without a thousand Argon2id hashes first.
 */
record FanOutMeeting(UUID id, String senderToken, List<String> receiverTokens) {

    static FanOutMeeting create(Jdbi jdbi, List<String> emails) {
        UUID meetingId = UUID.randomUUID();
        List<String> tokens = new ArrayList<>();
        jdbi.useTransaction(h -> {
            Instant now = Instant.now();
            Timestamp at = Timestamp.from(now);
            UUID organizer = h.createQuery("select id from accounts where email = :e").bind("e", emails.getFirst())
                    .mapTo(UUID.class).one();
            h.createUpdate("insert into meetings (id, kind, organizer_id, subject, description, time_zone, recurrence, capacity, "
                            + "approval, questions, calendar_sequence, starts_at, ends_at, created_at) values (:id, 'meeting', "
                            + ":organizer, 'Fan-out bench', '', 'UTC', null, null, false, '[]', 0, :starts, :ends, :now)")
                    .bind("id", meetingId).bind("organizer", organizer).bind("starts", at)
                    .bind("ends", Timestamp.from(now.plus(Duration.ofHours(1)))).bind("now", at).execute();
            h.createUpdate("insert into meeting_sessions (meeting_id, number, starts_at, duration_minutes) values (:id, 1, :starts, 60)")
                    .bind("id", meetingId).bind("starts", at).execute();
            var invitations = h.prepareBatch("insert into invitations (meeting_id, email) values (:id, :email)");
            emails.subList(1, emails.size()).forEach(email -> invitations.bind("id", meetingId).bind("email", email).add());
            invitations.execute();
            var sessions = h.prepareBatch("insert into sessions (token_hash, account_id, csrf_hash, remember, created_at, last_seen_at, "
                    + "expires_at, ip, user_agent) select :hash, id, :csrf, false, :now, :now, :expires, '127.0.0.1', 'parley-bench' "
                    + "from accounts where email = :email");
            for (String email : emails) {
                var token = SecretToken.generate();
                tokens.add(token.value());
                sessions.bind("hash", token.hash()).bind("csrf", SecretToken.generate().hash()).bind("now", at)
                        .bind("expires", Timestamp.from(now.plus(Duration.ofHours(1)))).bind("email", email).add();
            }
            sessions.execute();
        });
        return new FanOutMeeting(meetingId, tokens.getFirst(), List.copyOf(tokens.subList(1, tokens.size())));
    }
}
