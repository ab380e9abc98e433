package org.parley.meeting;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Who was in which session and when. The relay reports joins and leaves here; the organizer reads
 * the report. Metadata only: names and times, never anything said or shown.
 */
public final class Attendance {
    private final Jdbi jdbi;

    public Attendance(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One stay in a session; {@code leftAt} is empty while the person is still there. */
    public record Stay(long id, int session, Optional<UUID> accountId, String name, Optional<String> email, Instant joinedAt,
                       Optional<Instant> leftAt) {
        Optional<Duration> length() {
            return leftAt.map(left -> Duration.between(joinedAt, left));
        }
    }

    /** Records a join; returns the id to close with {@link #left}. */
    public long joined(UUID meetingId, int session, Optional<UUID> accountId, String name, Optional<String> email, Instant at) {
        return jdbi.withHandle(h -> {
            var insert = h.createUpdate("insert into attendance (meeting_id, session_number, account_id, display_name, "
                    + "email, joined_at) values (:meeting, :session, :account, :name, :email, :at)");
            // PostgreSQL refuses a null typed as varchar for a uuid column: say what kind of null it is
            accountId.ifPresentOrElse(id -> insert.bind("account", id), () -> insert.bindNull("account", java.sql.Types.OTHER));
            return insert
                .bind("meeting", meetingId).bind("session", session).bind("name", name)
                .bind("email", email.orElse(null)).bind("at", Timestamp.from(at))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    public void left(long stayId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update attendance set left_at = :at where id = :id and left_at is null")
                .bind("at", Timestamp.from(at)).bind("id", stayId).execute());
    }

    List<Stay> report(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select id, session_number, account_id, display_name, email, joined_at, left_at "
                        + "from attendance where meeting_id = :id order by session_number, joined_at, id")
                .bind("id", meetingId)
                .map((rs, ctx) -> new Stay(rs.getLong("id"), rs.getInt("session_number"),
                        Optional.ofNullable(rs.getObject("account_id", UUID.class)), rs.getString("display_name"),
                        Optional.ofNullable(rs.getString("email")), rs.getTimestamp("joined_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("left_at")).map(Timestamp::toInstant)))
                .list());
    }
}
