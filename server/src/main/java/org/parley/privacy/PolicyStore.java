package org.parley.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for policy versions and who accepted which. */
public final class PolicyStore {
    private static final String COLUMNS = "version, effective_at, published_at, material, body";
    private final Jdbi jdbi;

    public PolicyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The version in force at {@code now}. Migration V1 guarantees there is one. */
    public Policy current(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from policies where effective_at <= :now "
                        + "order by version desc limit 1")
                .bind("now", Timestamp.from(now)).map(PolicyStore::policy).one());
    }

    /** A published version that is not yet in force. */
    public Optional<Policy> upcoming(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from policies where effective_at > :now "
                        + "order by version desc limit 1")
                .bind("now", Timestamp.from(now)).map(PolicyStore::policy).findOne());
    }

    public int nextVersion() {
        return jdbi.withHandle(h -> h.createQuery("select coalesce(max(version), 0) + 1 from policies").mapTo(Integer.class).one());
    }

    void insert(Policy policy) {
        jdbi.useHandle(h -> h.createUpdate("insert into policies (" + COLUMNS + ") values (:v, :effective, :published, :material, :body)")
                .bind("v", policy.version()).bind("effective", Timestamp.from(policy.effectiveAt()))
                .bind("published", Timestamp.from(policy.publishedAt())).bind("material", policy.material())
                .bind("body", policy.text()).execute());
    }

    /** The newest material version in force that this account, older than that version, has not accepted. */
    public Optional<Integer> versionToAccept(UUID accountId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("select max(p.version) from policies p join accounts a on a.id = :id "
                        + "where p.material and p.effective_at <= :now and a.created_at < p.effective_at "
                        + "and not exists (select 1 from policy_acceptances x where x.account_id = a.id and x.version = p.version)")
                .bind("id", accountId).bind("now", Timestamp.from(now)).mapTo(Integer.class).findOne());
    }

    void accept(UUID accountId, int version, Instant now) {
        jdbi.useHandle(h -> {
            boolean already = h.createQuery("select count(*) from policy_acceptances where account_id = :id and version = :v")
                    .bind("id", accountId).bind("v", version).mapTo(Integer.class).one() > 0;
            if (!already) {
                h.createUpdate("insert into policy_acceptances (account_id, version, accepted_at) values (:id, :v, :now)")
                        .bind("id", accountId).bind("v", version).bind("now", Timestamp.from(now)).execute();
            }
        });
    }

    boolean exists(int version) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from policies where version = :v").bind("v", version)
                .mapTo(Integer.class).one() > 0);
    }

    List<String> addressesOfAllAccounts() {
        return jdbi.withHandle(h -> h.createQuery("select email from accounts order by created_at").mapTo(String.class).list());
    }

    private static Policy policy(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Policy(rs.getInt("version"), rs.getTimestamp("effective_at").toInstant(),
                rs.getTimestamp("published_at").toInstant(), rs.getBoolean("material"), rs.getString("body"));
    }
}
