package org.parley.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A heavy calendar for one account: {@code count} meetings, half organized by it and half by
 * another account that invited it, spread over the past and next year. Written straight into the
 * tables (the scheduling path is not what this phase measures).
 */
final class BenchMeetings {
    private BenchMeetings() {
    }

    static void create(Jdbi jdbi, String userEmail, String otherEmail, int count) {
        jdbi.useTransaction(h -> {
            UUID user = h.createQuery("select id from accounts where email = :e").bind("e", userEmail).mapTo(UUID.class).one();
            UUID other = h.createQuery("select id from accounts where email = :e").bind("e", otherEmail).mapTo(UUID.class).one();
            var meetings = h.prepareBatch("insert into meetings (id, kind, organizer_id, subject, description, time_zone, recurrence, "
                    + "capacity, approval, questions, calendar_sequence, starts_at, ends_at, created_at) values (:id, 'meeting', :organizer, "
                    + ":subject, '', 'UTC', null, null, false, '[]', 0, :starts, :ends, :now)");
            var sessions = h.prepareBatch("insert into meeting_sessions (meeting_id, number, starts_at, duration_minutes) "
                    + "values (:id, 1, :starts, 60)");
            var invitations = h.prepareBatch("insert into invitations (meeting_id, email) values (:id, :email)");
            Instant now = Instant.now();
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                Instant starts = now.plus(Duration.ofHours(18L * (i - count / 2)));
                boolean organized = i % 2 == 0;
                meetings.bind("id", id).bind("organizer", organized ? user : other).bind("subject", "Bench meeting " + i)
                        .bind("starts", Timestamp.from(starts)).bind("ends", Timestamp.from(starts.plus(Duration.ofHours(1))))
                        .bind("now", Timestamp.from(now)).add();
                sessions.bind("id", id).bind("starts", Timestamp.from(starts)).add();
                if (!organized) {
                    invitations.bind("id", id).bind("email", userEmail).add();
                }
            }
            meetings.execute();
            sessions.execute();
            invitations.execute();
        });
    }
}
