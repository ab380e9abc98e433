package org.parley.meeting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Session quality records (DESIGN.md §1, Operations): a viewer's frames, bytes and latency over
 * a period. Only these numbers are stored — what was on the screen never reaches the server.
 */
final class QualityRecords {
    private final Jdbi jdbi;

    QualityRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One viewer's report for {@code seconds} of a shared screen. */
    record Report(String kind, int seconds, int frames, long bytes, Optional<Integer> latencyP50Ms) {
    }

    void add(UUID meetingId, UUID accountId, Instant at, Report report) {
        jdbi.useHandle(h -> {
            var insert = h.createUpdate("insert into quality_records (meeting_id, account_id, reported_at, kind, seconds, frames, "
                    + "bytes, latency_p50_ms) values (:meeting, :account, :at, :kind, :seconds, :frames, :bytes, :latency)");
            report.latencyP50Ms().ifPresentOrElse(ms -> insert.bind("latency", ms), () -> insert.bindNull("latency", java.sql.Types.INTEGER));
            insert.bind("meeting", meetingId).bind("account", accountId).bind("at", Timestamp.from(at)).bind("kind", report.kind())
                    .bind("seconds", report.seconds()).bind("frames", report.frames()).bind("bytes", report.bytes()).execute();
        });
    }

    /** Deletes every record reported before {@code cutoff}; returns how many went. */
    int purgeBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("delete from quality_records where reported_at < :cutoff")
                .bind("cutoff", Timestamp.from(cutoff)).execute());
    }

    /** Per kind of stream: reports, seconds covered, average fps and kbit/s, median of the latency medians. */
    List<Map<String, Object>> summary(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select kind, count(*) as reports, sum(seconds) as seconds, "
                        + "sum(frames) as frames, sum(bytes) as bytes, max(latency_p50_ms) as worst_latency_ms "
                        + "from quality_records where meeting_id = :id group by kind order by kind")
                .bind("id", meetingId)
                .map((rs, ctx) -> {
                    long seconds = Math.max(1, rs.getLong("seconds"));
                    int worst = rs.getInt("worst_latency_ms");
                    boolean noLatency = rs.wasNull();
                    return Map.<String, Object>of("kind", rs.getString("kind"), "reports", rs.getInt("reports"),
                            "seconds", seconds, "fps", Math.round(rs.getLong("frames") * 10.0 / seconds) / 10.0,
                            "kbps", Math.round(rs.getLong("bytes") * 8.0 / seconds / 1000.0),
                            "worstLatencyMs", noLatency ? "" : worst);
                })
                .list());
    }
}
