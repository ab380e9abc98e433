package org.parley.machine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.parley.account.Account;

/**
 * SQL for the list of connection attempts to a machine. A row is written for every attempt,
 * refused or not, and moves on as the caller enters and leaves the relay and as the machine
 * reports how the access password went.
 */
final class ConnectionLog {
    static final int SHOWN = 500;
    /** How long the list keeps an attempt: long enough to review, not forever. */
    static final Duration KEPT = Duration.ofDays(365);
    private final Jdbi jdbi;

    ConnectionLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Who asked to connect, as the row records them (a snapshot: the list stays true if they rename). */
    record Caller(UUID accountId, String role, String name, String email) {
    }

    /** A row of the list as the owner sees it. */
    record Attempt(UUID id, String name, Optional<String> email, Instant requestedAt, Optional<Instant> connectedAt,
                   Optional<Instant> endedAt, String outcome) {
        Optional<Long> seconds() {
            return connectedAt.flatMap(from -> endedAt.map(to -> Duration.between(from, to).toSeconds()));
        }
    }

    /** A ticket's caller, once the ticket is spent. */
    record Redeemed(UUID connectionId, Optional<UUID> accountId, String role, String name, Optional<String> email) {
    }

    UUID record(UUID machineId, Caller caller, Outcome outcome, Instant now) {
        return insert(machineId, caller, outcome, now, Optional.empty());
    }

    /** An attempt that was let through: the ticket's hash is kept until it is spent or runs out. */
    UUID recordTicket(UUID machineId, Caller caller, String ticketHash, Instant expiresAt, Instant now) {
        return insert(machineId, caller, Outcome.REQUESTED, now, Optional.of(new Ticket(ticketHash, expiresAt)));
    }

    private record Ticket(String hash, Instant expiresAt) {
    }

    private UUID insert(UUID machineId, Caller caller, Outcome outcome, Instant now, Optional<Ticket> ticket) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> {
            var insert = h.createUpdate("insert into machine_connections (id, machine_id, account_id, role, display_name, email, "
                    + "requested_at, outcome, ticket_hash, ticket_expires_at) values (:id, :machine, :account, :role, :name, :email, "
                    + ":now, :outcome, " + (ticket.isPresent() ? ":ticket, :expires" : "null, null") + ")");
            ticket.ifPresent(t -> insert.bind("ticket", t.hash()).bind("expires", Timestamp.from(t.expiresAt())));
            insert.bind("id", id).bind("machine", machineId).bind("account", caller.accountId()).bind("role", caller.role())
                    .bind("name", caller.name()).bind("email", caller.email()).bind("now", Timestamp.from(now))
                    .bind("outcome", outcome.code()).execute();
        });
        return id;
    }

    /** Spends a ticket for this machine: once, and only before it runs out. */
    Optional<Redeemed> redeem(UUID machineId, String ticketHash, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<UUID> id = h.createQuery("select id from machine_connections where ticket_hash = :hash and machine_id = :machine "
                            + "and ticket_expires_at > :now")
                    .bind("hash", ticketHash).bind("machine", machineId).bind("now", Timestamp.from(now)).mapTo(UUID.class).findOne();
            if (id.isEmpty() || h.createUpdate("update machine_connections set ticket_hash = null, ticket_expires_at = null "
                    + "where id = :id and ticket_hash = :hash").bind("id", id.get()).bind("hash", ticketHash).execute() != 1) {
                return Optional.<Redeemed>empty();
            }
            return h.createQuery("select id, account_id, role, display_name, email from machine_connections where id = :id")
                    .bind("id", id.get())
                    .map((rs, ctx) -> new Redeemed(rs.getObject("id", UUID.class),
                            Optional.ofNullable(rs.getObject("account_id", UUID.class)), rs.getString("role"),
                            rs.getString("display_name"), Optional.ofNullable(rs.getString("email"))))
                    .findOne();
        });
    }

    void outcome(UUID connectionId, Outcome outcome) {
        jdbi.useHandle(h -> h.createUpdate("update machine_connections set outcome = :outcome where id = :id")
                .bind("outcome", outcome.code()).bind("id", connectionId).execute());
    }

    void connected(UUID connectionId, int participant, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update machine_connections set connected_at = :at, participant_id = :participant, "
                        + "outcome = :outcome where id = :id")
                .bind("at", Timestamp.from(at)).bind("participant", participant).bind("outcome", Outcome.CONNECTED.code())
                .bind("id", connectionId).execute());
    }

    /** The caller left; a password refusal or lock-out stays the outcome. */
    void ended(UUID connectionId, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update machine_connections set ended_at = :at, "
                        + "outcome = case when outcome = :connected then :ended else outcome end where id = :id and ended_at is null")
                .bind("at", Timestamp.from(at)).bind("connected", Outcome.CONNECTED.code()).bind("ended", Outcome.ENDED.code())
                .bind("id", connectionId).execute());
    }

    /**
     * What the machine said of the access password: a refusal or lock-out becomes the outcome; an
     * accepted password makes it connected again (ended, if the caller has left). False when the
     * row is not this machine's.
     */
    boolean passwordEvent(UUID machineId, UUID connectionId, Optional<Outcome> failure) {
        return jdbi.withHandle(h -> h.createUpdate("update machine_connections set outcome = case when :failure is not null "
                        + "then :failure when ended_at is null then :connected else :ended end where id = :id and machine_id = :machine")
                .bind("failure", failure.map(Outcome::code).orElse(null)).bind("connected", Outcome.CONNECTED.code())
                .bind("ended", Outcome.ENDED.code()).bind("id", connectionId).bind("machine", machineId).execute() == 1);
    }

    /**
     * The attempt that entered the machine's room as this participant: the caller an agent's
     * password event names. Ids restart when the room empties, so the latest such entry is the one.
     */
    Optional<UUID> byParticipant(UUID machineId, int participant) {
        return jdbi.withHandle(h -> h.createQuery("select id from machine_connections where machine_id = :machine "
                        + "and participant_id = :participant order by connected_at desc, seq desc limit 1")
                .bind("machine", machineId).bind("participant", participant).mapTo(UUID.class).findOne());
    }

    List<Attempt> list(UUID machineId) {
        return jdbi.withHandle(h -> h.createQuery("select id, display_name, email, requested_at, connected_at, ended_at, outcome "
                        + "from machine_connections where machine_id = :machine order by seq desc limit " + SHOWN)
                .bind("machine", machineId).map(ConnectionLog::attempt).list());
    }

    /** A deleted account's rows in other people's lists keep only the times and the outcome. */
    void anonymise(Handle h, Account account) {
        h.createUpdate("update machine_connections set account_id = null, display_name = 'Deleted account', email = null "
                        + "where account_id = :id or email = :email")
                .bind("id", account.id()).bind("email", account.email().value()).execute();
    }

    /** Forgets tickets that ran out unused, and attempts older than {@link #KEPT}. */
    void purge(Handle h, Instant now) {
        h.createUpdate("update machine_connections set ticket_hash = null, ticket_expires_at = null where ticket_expires_at <= :now")
                .bind("now", Timestamp.from(now)).execute();
        h.createUpdate("delete from machine_connections where requested_at < :cutoff")
                .bind("cutoff", Timestamp.from(now.minus(KEPT))).execute();
    }

    private static Attempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Attempt(rs.getObject("id", UUID.class), rs.getString("display_name"), Optional.ofNullable(rs.getString("email")),
                rs.getTimestamp("requested_at").toInstant(), instant(rs, "connected_at"), instant(rs, "ended_at"),
                rs.getString("outcome"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
