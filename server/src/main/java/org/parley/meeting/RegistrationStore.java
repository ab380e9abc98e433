package org.parley.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.parley.account.EmailAddress;

/** SQL for registrations. The personal join token is stored only as its SHA-256. */
final class RegistrationStore {
    private static final String COLUMNS = "id, meeting_id, email, first_name, last_name, answers, status, created_at";
    private final Jdbi jdbi;

    RegistrationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    boolean exists(Handle h, UUID meetingId, EmailAddress email) {
        return h.createQuery("select count(*) from registrations where meeting_id = :id and email = :email")
                .bind("id", meetingId).bind("email", email.value()).mapTo(Integer.class).one() > 0;
    }

    /** Seats taken: approved and pending registrations (a pending one may still be approved). */
    int seatsTaken(Handle h, UUID meetingId) {
        return h.createQuery("select count(*) from registrations where meeting_id = :id and status <> 'declined'")
                .bind("id", meetingId).mapTo(Integer.class).one();
    }

    void insert(Handle h, Registrant r, String tokenHash) {
        h.createUpdate("insert into registrations (id, meeting_id, email, first_name, last_name, answers, status, token_hash, "
                        + "created_at) values (:id, :meeting, :email, :first, :last, :answers, :status, :token, :created)")
                .bind("id", r.id()).bind("meeting", r.meetingId()).bind("email", r.email().value())
                .bind("first", r.firstName()).bind("last", r.lastName()).bind("answers", MeetingStore.json(r.answers()))
                .bind("status", r.status().code()).bind("token", tokenHash).bind("created", Timestamp.from(r.registeredAt()))
                .execute();
    }

    List<Registrant> list(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from registrations where meeting_id = :id "
                + "order by created_at, id").bind("id", meetingId).map(RegistrationStore::registrant).list());
    }

    Optional<Registrant> find(UUID meetingId, UUID registrationId) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from registrations where meeting_id = :meeting and id = :id")
                .bind("meeting", meetingId).bind("id", registrationId).map(RegistrationStore::registrant).findOne());
    }

    Optional<Registrant> findByToken(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from registrations where token_hash = :hash")
                .bind("hash", tokenHash).map(RegistrationStore::registrant).findOne());
    }

    Optional<Registrant> findByEmail(UUID meetingId, EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from registrations where meeting_id = :id and email = :email")
                .bind("id", meetingId).bind("email", email.value()).map(RegistrationStore::registrant).findOne());
    }

    void setStatus(UUID registrationId, Registrant.Status status) {
        jdbi.useHandle(h -> h.createUpdate("update registrations set status = :status where id = :id")
                .bind("status", status.code()).bind("id", registrationId).execute());
    }

    boolean deleteByToken(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("delete from registrations where token_hash = :hash").bind("hash", tokenHash)
                .execute() > 0);
    }

    /** Approved registrants of events whose first session starts before {@code until}, not yet reminded. */
    List<Registrant> dueForReminder(Instant now, Instant until) {
        return jdbi.withHandle(h -> h.createQuery("select r.id, r.meeting_id, r.email, r.first_name, r.last_name, r.answers, "
                        + "r.status, r.created_at from registrations r join meetings m on m.id = r.meeting_id "
                        + "where r.status = 'approved' and r.reminded_at is null and m.cancelled_at is null "
                        + "and m.starts_at > :now and m.starts_at <= :until order by m.starts_at limit 500")
                .bind("now", Timestamp.from(now)).bind("until", Timestamp.from(until)).map(RegistrationStore::registrant).list());
    }

    void markReminded(UUID registrationId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update registrations set reminded_at = :now where id = :id")
                .bind("now", Timestamp.from(now)).bind("id", registrationId).execute());
    }

    private static Registrant registrant(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Registrant(rs.getObject("id", UUID.class), rs.getObject("meeting_id", UUID.class),
                new EmailAddress(rs.getString("email")), rs.getString("first_name"), rs.getString("last_name"),
                MeetingStore.map(rs.getString("answers")), Registrant.Status.parse(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant());
    }
}
