package org.parley.machine;

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

/** SQL for machines and the technicians granted access to them. */
final class MachineStore {
    private static final String SELECT = "select m.id, m.owner_id, m.name, m.access, m.paused_until, m.enrolled_at, "
            + "m.pairing_expires_at, m.last_seen_at, a.first_name, a.last_name "
            + "from machines m left join accounts a on a.id = m.owner_id ";
    private final Jdbi jdbi;

    MachineStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(UUID id, String name, String tokenHash, String pairingHash, Instant pairingExpiresAt, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("insert into machines (id, name, token_hash, pairing_hash, pairing_expires_at, "
                        + "access, enrolled_at) values (:id, :name, :token, :pairing, :expires, :access, :now)")
                .bind("id", id).bind("name", name).bind("token", tokenHash).bind("pairing", pairingHash)
                .bind("expires", Timestamp.from(pairingExpiresAt)).bind("access", Status.PENDING.code())
                .bind("now", Timestamp.from(now)).execute());
    }

    Optional<Machine> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where m.id = :id").bind("id", id).map(MachineStore::machine).findOne());
    }

    Optional<Machine> byToken(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where m.token_hash = :hash").bind("hash", tokenHash)
                .map(MachineStore::machine).findOne());
    }

    /** Makes {@code ownerId} the owner of the machine waiting with this code; empty if none waits with it. */
    Optional<UUID> approve(String pairingHash, UUID ownerId, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<UUID> waiting = h.createQuery("select id from machines where pairing_hash = :hash and owner_id is null "
                            + "and pairing_expires_at > :now")
                    .bind("hash", pairingHash).bind("now", Timestamp.from(now)).mapTo(UUID.class).findOne();
            if (waiting.isEmpty()) {
                return waiting;
            }
            int approved = h.createUpdate("update machines set owner_id = :owner, access = :access, approved_at = :now, "
                            + "pairing_hash = null, pairing_expires_at = null where id = :id and owner_id is null")
                    .bind("owner", ownerId).bind("access", Status.ENABLED.code()).bind("now", Timestamp.from(now))
                    .bind("id", waiting.get()).execute();
            return approved == 1 ? waiting : Optional.<UUID>empty();
        });
    }

    List<Machine> owned(UUID ownerId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where m.owner_id = :owner order by m.name, m.id")
                .bind("owner", ownerId).map(MachineStore::machine).list());
    }

    List<Machine> granted(EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "where m.owner_id is not null and m.id in "
                        + "(select g.machine_id from machine_grants g where g.email = :email) order by m.name, m.id")
                .bind("email", email.value()).map(MachineStore::machine).list());
    }

    /** Sets the access switch unless the machine is revoked (that is final); false when it was left alone. */
    boolean setAccess(UUID id, Status access, Optional<Instant> pausedUntil) {
        return jdbi.withHandle(h -> {
            var update = h.createUpdate("update machines set access = :access, paused_until = "
                    + (pausedUntil.isPresent() ? ":until" : "null") + " where id = :id and access <> :revoked");
            pausedUntil.ifPresent(until -> update.bind("until", Timestamp.from(until)));
            return update.bind("access", access.code()).bind("id", id).bind("revoked", Status.REVOKED.code()).execute() == 1;
        });
    }

    void seen(UUID id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update machines set last_seen_at = :at where id = :id")
                .bind("at", Timestamp.from(at)).bind("id", id).execute());
    }

    void delete(UUID id) {
        jdbi.useHandle(h -> h.createUpdate("delete from machines where id = :id").bind("id", id).execute());
    }

    /** Unapproved machines whose code ran out, with everything they had. */
    int purgeUnapproved(Handle h, Instant now) {
        return h.createUpdate("delete from machines where owner_id is null and pairing_expires_at <= :now")
                .bind("now", Timestamp.from(now)).execute();
    }

    List<EmailAddress> grants(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("select email from machine_grants where machine_id = :id order by email")
                .bind("id", id).map((rs, ctx) -> new EmailAddress(rs.getString("email"))).list());
    }

    boolean isGranted(UUID id, EmailAddress email) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from machine_grants where machine_id = :id and email = :email")
                .bind("id", id).bind("email", email.value()).mapTo(Integer.class).one() > 0);
    }

    /** How {@link #grant} went. */
    enum Granted { GRANTED, FULL, REVOKED, GONE }

    /**
     * Adds the grant unless there are {@code max} already; GRANTED also when it was there. The
     * machine's row is locked first, so grants to the same machine take turns: the same address
     * granted twice at once is not inserted twice, and simultaneous ones cannot pass the limit.
     */
    Granted grant(UUID id, EmailAddress email, int max, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<String> access = h.createQuery("select access from machines where id = :id for update")
                    .bind("id", id).mapTo(String.class).findOne();
            if (access.isEmpty()) {
                return Granted.GONE;
            }
            if (Status.fromCode(access.get()) == Status.REVOKED) {
                return Granted.REVOKED;
            }
            if (h.createQuery("select count(*) from machine_grants where machine_id = :id and email = :email")
                    .bind("id", id).bind("email", email.value()).mapTo(Integer.class).one() > 0) {
                return Granted.GRANTED;
            }
            if (h.createQuery("select count(*) from machine_grants where machine_id = :id").bind("id", id)
                    .mapTo(Integer.class).one() >= max) {
                return Granted.FULL;
            }
            h.createUpdate("insert into machine_grants (machine_id, email, granted_at) values (:id, :email, :now)")
                    .bind("id", id).bind("email", email.value()).bind("now", Timestamp.from(now)).execute();
            return Granted.GRANTED;
        });
    }

    boolean removeGrant(UUID id, EmailAddress email) {
        return jdbi.withHandle(h -> h.createUpdate("delete from machine_grants where machine_id = :id and email = :email")
                .bind("id", id).bind("email", email.value()).execute() > 0);
    }

    List<UUID> ownedIds(Handle h, UUID ownerId) {
        return h.createQuery("select id from machines where owner_id = :owner").bind("owner", ownerId).mapTo(UUID.class).list();
    }

    List<UUID> grantedIds(Handle h, EmailAddress email) {
        return h.createQuery("select machine_id from machine_grants where email = :email").bind("email", email.value())
                .mapTo(UUID.class).list();
    }

    void deleteOwned(Handle h, UUID ownerId) {
        h.createUpdate("delete from machines where owner_id = :owner").bind("owner", ownerId).execute();
    }

    void deleteGrants(Handle h, EmailAddress email) {
        h.createUpdate("delete from machine_grants where email = :email").bind("email", email.value()).execute();
    }

    private static Machine machine(ResultSet rs, StatementContext ctx) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        String first = rs.getString("first_name");
        return new Machine(rs.getObject("id", UUID.class), Optional.ofNullable(owner),
                first == null ? Optional.empty() : Optional.of(first + " " + rs.getString("last_name")),
                rs.getString("name"), Status.fromCode(rs.getString("access")), instant(rs, "paused_until"),
                rs.getTimestamp("enrolled_at").toInstant(), instant(rs, "pairing_expires_at"), instant(rs, "last_seen_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
