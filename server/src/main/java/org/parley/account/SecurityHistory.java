package org.parley.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parley.web.ClientInfo;

/** SQL for the security history: sign-ins, failed attempts and changes, with time, IP and browser. */
public final class SecurityHistory {
    private static final int SHOWN = 500;
    private final Jdbi jdbi;

    public SecurityHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(UUID accountId, SecurityEventType type, ClientInfo client, Instant at) {
        jdbi.useHandle(h -> record(h, accountId, type, client, at));
    }

    void record(Handle h, UUID accountId, SecurityEventType type, ClientInfo client, Instant at) {
        h.createUpdate("insert into security_events (account_id, at, event, ip, user_agent) values (:id, :at, :event, :ip, :ua)")
                .bind("id", accountId).bind("at", Timestamp.from(at)).bind("event", type.code())
                .bind("ip", client.ip()).bind("ua", client.userAgent()).execute();
    }

    /** The newest events first, at most {@value #SHOWN}. */
    public List<SecurityEvent> recent(UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select at, event, ip, user_agent from security_events "
                        + "where account_id = :id order by at desc, id desc limit " + SHOWN)
                .bind("id", accountId)
                .map((rs, ctx) -> new SecurityEvent(rs.getTimestamp("at").toInstant(), rs.getString("event"),
                        rs.getString("ip"), rs.getString("user_agent")))
                .list());
    }
}
