package org.parley.support;

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
import org.jdbi.v3.core.statement.Update;

/** SQL for support sessions, their colleagues, and support teams. */
final class SupportStore {
    private static final String SESSION_COLUMNS = "s.id, s.team_id, s.technician_id, a.first_name, a.last_name, a.email, "
            + "s.key_expires_at, s.key_hash, s.customer_name, s.problem, s.created_at, s.redeemed_at, s.started_at, s.ended_at, "
            + "s.customer_away_since";
    private static final String FROM_SESSIONS = " from support_sessions s left join accounts a on a.id = s.technician_id ";
    private final Jdbi jdbi;

    SupportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A team's customers, written by the public request form (no technician yet). */
    record NewSignIn(UUID id, Optional<UUID> teamId, Optional<UUID> technicianId, String keyHash, Instant keyExpiresAt,
                      Optional<String> customerName, Optional<String> problem, Instant createdAt) {
    }

    void insert(NewSignIn s) {
        jdbi.useHandle(h -> {
            var insert = h.createUpdate("insert into support_sessions (id, team_id, technician_id, key_hash, key_expires_at, "
                    + "customer_name, problem, created_at) values (:id, :team, :technician, :key, :expires, :customer, :problem, :at)");
            uuidOrNull(insert, "team", s.teamId());
            uuidOrNull(insert, "technician", s.technicianId());
            insert.bind("id", s.id()).bind("key", s.keyHash()).bind("expires", Timestamp.from(s.keyExpiresAt()))
                    .bind("customer", s.customerName().orElse(null)).bind("problem", s.problem().orElse(null))
                    .bind("at", Timestamp.from(s.createdAt())).execute();
        });
    }

    /** PostgreSQL refuses a null typed as varchar for a uuid column: say what kind of null it is. */
    private static void uuidOrNull(org.jdbi.v3.core.statement.Update update, String name, Optional<UUID> value) {
        value.ifPresentOrElse(v -> update.bind(name, v), () -> update.bindNull(name, java.sql.Types.OTHER));
    }

    Optional<SupportSession> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS + "where s.id = :id")
                .bind("id", id).map(SupportStore::session).findOne());
    }

    /** The session whose unused, unexpired key has this hash. */
    Optional<SupportSession> byKey(String keyHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS
                        + "where s.key_hash = :key and s.redeemed_at is null and s.ended_at is null and s.key_expires_at > :now")
                .bind("key", keyHash).bind("now", Timestamp.from(now)).map(SupportStore::session).findOne());
    }

    /** Uses the key once: forgets it and keeps the ticket's hash. False when someone else used it first. */
    boolean redeem(UUID id, String ticketHash, Optional<String> customerName, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update support_sessions set key_hash = null, ticket_hash = :ticket, "
                        + "redeemed_at = :now, customer_name = coalesce(customer_name, :name) "
                        + "where id = :id and key_hash is not null and redeemed_at is null")
                .bind("ticket", ticketHash).bind("now", Timestamp.from(now)).bind("name", customerName.orElse(null))
                .bind("id", id).execute()) == 1;
    }

    /** The open session this customer ticket belongs to. */
    Optional<SupportSession> byTicket(UUID id, String ticketHash) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS
                        + "where s.id = :id and s.ticket_hash = :ticket and s.ended_at is null")
                .bind("id", id).bind("ticket", ticketHash).map(SupportStore::session).findOne());
    }

    /** The customer is in the room (first time, or back after a lost connection); false if the session has ended. */
    boolean customerConnected(UUID id, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("update support_sessions set started_at = coalesce(started_at, :at), "
                        + "customer_away_since = null where id = :id and ended_at is null")
                .bind("at", Timestamp.from(at)).bind("id", id).execute()) == 1;
    }

    /** The customer's connection was lost; the session waits for them to come back. */
    void customerAway(UUID id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update support_sessions set customer_away_since = :at "
                        + "where id = :id and ended_at is null and customer_away_since is null")
                .bind("at", Timestamp.from(at)).bind("id", id).execute());
    }

    /**
     * After a restart nobody is in any room: every started, open session waits for its customer
     * from now on (their agent reconnects within the grace, or the session ends).
     */
    void everyCustomerAway(Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update support_sessions set customer_away_since = :now "
                        + "where started_at is not null and ended_at is null and customer_away_since is null")
                .bind("now", Timestamp.from(now)).execute());
    }

    /** Open sessions whose customer has been away since before {@code cutoff}. */
    List<UUID> awaySince(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("select id from support_sessions where ended_at is null "
                        + "and customer_away_since < :cutoff")
                .bind("cutoff", Timestamp.from(cutoff)).mapTo(UUID.class).list());
    }

    /** Ends the session only if its customer is still away since before {@code cutoff} (they may just have come back). */
    boolean endIfAway(UUID id, Instant cutoff, Instant now) {
        return endWhere(id, now, " and customer_away_since < :cutoff", update -> update.bind("cutoff", Timestamp.from(cutoff)));
    }

    /** Open sessions whose key was used before {@code cutoff} by an agent that never came into the room. */
    List<UUID> redeemedNeverStarted(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("select id from support_sessions where ended_at is null "
                        + "and started_at is null and redeemed_at < :cutoff")
                .bind("cutoff", Timestamp.from(cutoff)).mapTo(UUID.class).list());
    }

    /** Ends the session only if its customer has still never come into the room. */
    boolean endIfNeverStarted(UUID id, Instant now) {
        return endWhere(id, now, " and started_at is null", update -> { });
    }

    /** Ends the session: the key and the ticket stop working. False if it had ended already. */
    boolean end(UUID id, Instant at) {
        return endWhere(id, at, "", update -> { });
    }

    /** Ends an open session if {@code andAlso} (SQL, with {@code binds}) holds too; the key and ticket go with it. */
    private boolean endWhere(UUID id, Instant at, String andAlso, java.util.function.Consumer<Update> binds) {
        return jdbi.withHandle(h -> {
            Update update = h.createUpdate("update support_sessions set ended_at = :at, key_hash = null, ticket_hash = null "
                    + "where id = :id and ended_at is null" + andAlso);
            binds.accept(update);
            return update.bind("at", Timestamp.from(at)).bind("id", id).execute() == 1;
        });
    }

    /** Picks up (only if nobody has) or transfers (only if {@code from} still has it); false when someone was quicker. */
    boolean assign(UUID id, Optional<UUID> from, UUID to) {
        return jdbi.withHandle(h -> {
            var update = from.isPresent()
                    ? h.createUpdate("update support_sessions set technician_id = :to, transfers = transfers + 1 "
                            + "where id = :id and technician_id = :from and ended_at is null").bind("from", from.get())
                    : h.createUpdate("update support_sessions set technician_id = :to where id = :id and technician_id is null "
                            + "and ended_at is null");
            return update.bind("to", to).bind("id", id).execute() == 1;
        });
    }

    List<SupportSession> ofTechnician(UUID accountId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS
                        + "where s.technician_id = :id order by s.created_at desc limit " + limit)
                .bind("id", accountId).map(SupportStore::session).list());
    }

    List<SupportSession> ofTeam(UUID teamId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS
                        + "where s.team_id = :id order by s.created_at desc limit " + limit)
                .bind("id", teamId).map(SupportStore::session).list());
    }

    /** A team's customers nobody picked up yet, first come first served. */
    List<SupportSession> queue(UUID teamId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select " + SESSION_COLUMNS + FROM_SESSIONS
                        + "where s.team_id = :id and s.technician_id is null and s.ended_at is null "
                        + "and (s.redeemed_at is not null or s.key_expires_at > :now) order by s.created_at")
                .bind("id", teamId).bind("now", Timestamp.from(now)).map(SupportStore::session).list());
    }

    void addColleague(UUID sessionId, UUID accountId) {
        if (isColleague(sessionId, accountId)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("insert into support_colleagues (session_id, account_id) values (:s, :a)")
                    .bind("s", sessionId).bind("a", accountId).execute());
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException invitedTwiceAtOnce) {
            if (!isColleague(sessionId, accountId)) {
                throw invitedTwiceAtOnce;
            }
        }
    }

    boolean isColleague(UUID sessionId, UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from support_colleagues where session_id = :s and account_id = :a")
                .bind("s", sessionId).bind("a", accountId).mapTo(Integer.class).one()) > 0;
    }

    /** Keys nobody used in time are forgotten; the session stays in the history as expired. */
    int forgetExpiredKeys(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update support_sessions set key_hash = null "
                + "where key_hash is not null and key_expires_at <= :now").bind("now", Timestamp.from(now)).execute());
    }

    // --- teams

    record Team(UUID id, String name) {
    }

    void insertTeam(UUID id, String name, UUID supervisor, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("insert into support_teams (id, name, created_at) values (:id, :name, :at)")
                    .bind("id", id).bind("name", name).bind("at", Timestamp.from(now)).execute();
            addMember(h, id, supervisor, "supervisor", now);
        });
    }

    /** Adds a member or changes their role. */
    void putMember(UUID teamId, UUID accountId, String role, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from support_team_members where team_id = :t and account_id = :a")
                    .bind("t", teamId).bind("a", accountId).execute();
            addMember(h, teamId, accountId, role, now);
        });
    }

    private static void addMember(Handle h, UUID teamId, UUID accountId, String role, Instant now) {
        h.createUpdate("insert into support_team_members (team_id, account_id, role, added_at) values (:t, :a, :r, :at)")
                .bind("t", teamId).bind("a", accountId).bind("r", role).bind("at", Timestamp.from(now)).execute();
    }

    Optional<Team> team(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select id, name from support_teams where id = :id").bind("id", id)
                .map((rs, ctx) -> new Team(rs.getObject("id", UUID.class), rs.getString("name"))).findOne());
    }

    /** The account's role in the team: supervisor, technician, or empty for outsiders. */
    Optional<String> role(UUID teamId, UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select role from support_team_members where team_id = :t and account_id = :a")
                .bind("t", teamId).bind("a", accountId).mapTo(String.class).findOne());
    }

    record Membership(UUID teamId, String name, String role) {
    }

    List<Membership> teamsOf(UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select t.id, t.name, m.role from support_team_members m "
                        + "join support_teams t on t.id = m.team_id where m.account_id = :a order by t.name")
                .bind("a", accountId)
                .map((rs, ctx) -> new Membership(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"))).list());
    }

    record Member(UUID accountId, String name, String email, String role) {
    }

    List<Member> members(UUID teamId) {
        return jdbi.withHandle(h -> h.createQuery("select a.id, a.first_name, a.last_name, a.email, m.role from support_team_members m "
                        + "join accounts a on a.id = m.account_id where m.team_id = :t order by a.last_name, a.first_name")
                .bind("t", teamId)
                .map((rs, ctx) -> new Member(rs.getObject("id", UUID.class), rs.getString("first_name") + " " + rs.getString("last_name"),
                        rs.getString("email"), rs.getString("role"))).list());
    }

    int countMembers(UUID teamId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from support_team_members where team_id = :t")
                .bind("t", teamId).mapTo(Integer.class).one());
    }

    /** Teams left without members when an account goes: nobody could reach them any more. */
    static void deleteOrphanTeams(Handle h) {
        h.createUpdate("delete from support_teams where id not in (select team_id from support_team_members)").execute();
    }

    private static SupportSession session(ResultSet rs, StatementContext ctx) throws SQLException {
        Optional<UUID> technician = Optional.ofNullable(rs.getObject("technician_id", UUID.class));
        // the account's name and address come with the technician, or not at all
        Optional<String> name = technician.isEmpty() ? Optional.empty()
                : Optional.of(rs.getString("first_name") + " " + rs.getString("last_name"));
        Optional<String> email = technician.isEmpty() ? Optional.empty() : Optional.of(rs.getString("email"));
        return new SupportSession(rs.getObject("id", UUID.class), Optional.ofNullable(rs.getObject("team_id", UUID.class)),
                technician, name, email, rs.getTimestamp("key_expires_at").toInstant(), rs.getString("key_hash") != null,
                Optional.ofNullable(rs.getString("customer_name")), Optional.ofNullable(rs.getString("problem")),
                rs.getTimestamp("created_at").toInstant(), instant(rs, "redeemed_at"), instant(rs, "started_at"),
                instant(rs, "ended_at"), instant(rs, "customer_away_since"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
