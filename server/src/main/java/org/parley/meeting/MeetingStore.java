package org.parley.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.EmailAddress;
import org.parley.web.Json;

/** SQL for meetings, their sessions and invitees. */
final class MeetingStore {
    private static final String COLUMNS = "m.id, m.kind, m.organizer_id, m.subject, m.description, m.time_zone, m.recurrence, "
            + "m.capacity, m.approval, m.questions, m.calendar_sequence, m.created_at, m.cancelled_at, m.admit_signed_in_invitees";
    private final Jdbi jdbi;

    MeetingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Handle h, Meeting m, List<EmailAddress> invitees) {
        h.createUpdate("insert into meetings (id, kind, organizer_id, subject, description, time_zone, recurrence, capacity, "
                        + "approval, questions, calendar_sequence, starts_at, ends_at, created_at, admit_signed_in_invitees) values (:id, "
                        + ":kind, :organizer, :subject, :description, :zone, :recurrence, :capacity, :approval, :questions, 0, :starts, "
                        + ":ends, :created, :admitSignedIn)")
                .bind("id", m.id()).bind("kind", m.kind().code()).bind("organizer", m.organizerId())
                .bind("subject", m.subject()).bind("description", m.description()).bind("zone", m.timeZone().getId())
                .bind("recurrence", m.recurrence().orElse(null)).bind("capacity", m.capacity().orElse(null))
                .bind("approval", m.approval()).bind("questions", json(m.questions()))
                .bind("starts", Timestamp.from(m.firstOccurrence().startsAt())).bind("ends", Timestamp.from(m.endsAt()))
                .bind("created", Timestamp.from(m.createdAt())).bind("admitSignedIn", m.admitSignedInInvitees()).execute();
        insertSessions(h, m);
        replaceInvitees(h, m.id(), invitees);
    }

    /** Stores a changed plan and raises the calendar sequence. */
    void update(Handle h, Meeting m) {
        h.createUpdate("update meetings set subject = :subject, description = :description, time_zone = :zone, "
                        + "recurrence = :recurrence, capacity = :capacity, approval = :approval, questions = :questions, "
                        + "calendar_sequence = :sequence, starts_at = :starts, ends_at = :ends, "
                        + "admit_signed_in_invitees = :admitSignedIn where id = :id")
                .bind("id", m.id()).bind("subject", m.subject()).bind("description", m.description())
                .bind("zone", m.timeZone().getId()).bind("recurrence", m.recurrence().orElse(null))
                .bind("capacity", m.capacity().orElse(null)).bind("approval", m.approval()).bind("questions", json(m.questions()))
                .bind("sequence", m.calendarSequence()).bind("starts", Timestamp.from(m.firstOccurrence().startsAt()))
                .bind("ends", Timestamp.from(m.endsAt())).bind("admitSignedIn", m.admitSignedInInvitees()).execute();
        h.createUpdate("delete from meeting_sessions where meeting_id = :id").bind("id", m.id()).execute();
        insertSessions(h, m);
    }

    void cancel(Handle h, UUID id, int sequence, Instant now) {
        h.createUpdate("update meetings set cancelled_at = :now, calendar_sequence = :sequence where id = :id")
                .bind("now", Timestamp.from(now)).bind("sequence", sequence).bind("id", id).execute();
    }

    private static void insertSessions(Handle h, Meeting m) {
        var batch = h.prepareBatch("insert into meeting_sessions (meeting_id, number, starts_at, duration_minutes) "
                + "values (:id, :number, :starts, :minutes)");
        for (Occurrence s : m.occurrences()) {
            batch.bind("id", m.id()).bind("number", s.number()).bind("starts", Timestamp.from(s.startsAt()))
                    .bind("minutes", (int) s.duration().toMinutes()).add();
        }
        batch.execute();
    }

    void replaceInvitees(Handle h, UUID meetingId, List<EmailAddress> invitees) {
        h.createUpdate("delete from invitations where meeting_id = :id").bind("id", meetingId).execute();
        if (invitees.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("insert into invitations (meeting_id, email) values (:id, :email)");
        invitees.forEach(e -> batch.bind("id", meetingId).bind("email", e.value()).add());
        batch.execute();
    }

    Optional<Meeting> find(UUID id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Meeting> find(Handle h, UUID id) {
        var sessions = h.createQuery("select number, starts_at, duration_minutes from meeting_sessions where meeting_id = :id "
                + "order by number").bind("id", id).map(MeetingStore::session).list();
        if (sessions.isEmpty()) {
            return Optional.empty();
        }
        return h.createQuery("select " + COLUMNS + " from meetings m where m.id = :id").bind("id", id)
                .map((rs, ctx) -> meeting(rs, sessions)).findOne();
    }

    List<EmailAddress> invitees(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select email from invitations where meeting_id = :id order by email")
                .bind("id", meetingId).map((rs, ctx) -> new EmailAddress(rs.getString("email"))).list());
    }

    boolean isInvited(UUID meetingId, EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from invitations where meeting_id = :id and email = :email")
                .bind("id", meetingId).bind("email", email.value()).mapTo(Integer.class).one() > 0);
    }

    /** The organizer's name and address, for invites and public pages. */
    Optional<Organizer> organizer(UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select first_name, last_name, email from accounts where id = :id")
                .bind("id", accountId)
                .map((rs, ctx) -> new Organizer(rs.getString("first_name") + " " + rs.getString("last_name"),
                        new EmailAddress(rs.getString("email"))))
                .findOne());
    }

    record Organizer(String name, EmailAddress email) {
    }

    /**
     * Meetings an account organizes, is invited to, or registered for, upcoming (not yet ended)
     * or past, soonest first for upcoming and latest first for past.
     */
    List<Listed> listFor(UUID accountId, EmailAddress email, boolean upcoming, Instant now, int limit) {
        String when = upcoming ? "m.ends_at > :now order by m.starts_at, m.id" : "m.ends_at <= :now order by m.starts_at desc, m.id";
        return jdbi.withHandle(h -> h.createQuery("select m.id, m.kind, m.subject, m.starts_at, m.ends_at, m.cancelled_at, "
                        + "case when m.organizer_id = :account then 'organizer' "
                        + "when exists (select 1 from invitations i where i.meeting_id = m.id and i.email = :email) then 'invitee' "
                        + "else 'registrant' end as role from meetings m "
                        + "where (m.organizer_id = :account "
                        + "or m.id in (select i.meeting_id from invitations i where i.email = :email) "
                        + "or m.id in (select r.meeting_id from registrations r where r.email = :email and r.status <> 'declined')) "
                        + "and " + when + " limit :limit")
                .bind("account", accountId).bind("email", email.value()).bind("now", Timestamp.from(now)).bind("limit", limit)
                .map((rs, ctx) -> new Listed(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("subject"),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getTimestamp("cancelled_at") != null, rs.getString("role")))
                .list());
    }

    /** One line of "my meetings". */
    record Listed(UUID id, String kind, String subject, Instant startsAt, Instant endsAt, boolean cancelled, String role) {
    }

    private static Occurrence session(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Occurrence(rs.getInt("number"), rs.getTimestamp("starts_at").toInstant(),
                Duration.ofMinutes(rs.getInt("duration_minutes")));
    }

    private static Meeting meeting(ResultSet rs, List<Occurrence> sessions) throws SQLException {
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        int capacity = rs.getInt("capacity");
        boolean noCapacity = rs.wasNull();
        return new Meeting(rs.getObject("id", UUID.class), MeetingKind.parse(rs.getString("kind")),
                rs.getObject("organizer_id", UUID.class), rs.getString("subject"), rs.getString("description"),
                ZoneId.of(rs.getString("time_zone")), Optional.ofNullable(rs.getString("recurrence")),
                noCapacity ? Optional.empty() : Optional.of(capacity), rs.getBoolean("approval"),
                list(rs.getString("questions")), sessions, rs.getInt("calendar_sequence"),
                rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(cancelled).map(Timestamp::toInstant),
                rs.getBoolean("admit_signed_in_invitees"));
    }

    static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static List<String> list(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored questions are not a JSON list", e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<java.util.LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers are not a JSON object", e);
        }
    }

    static String emails(List<EmailAddress> addresses) {
        return addresses.stream().map(EmailAddress::value).collect(Collectors.joining(", "));
    }
}
