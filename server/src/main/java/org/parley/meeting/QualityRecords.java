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

    /** One participant's reports of one kind, oldest first: for the organizer's plots over time. */
    record Series(String name, String kind, List<Point> points) {
    }

    /** One report: when it ended, and what it measured over its seconds. */
    record Point(Instant at, double kbps, double fps, Integer latencyMs) {
    }

    /** Every participant's reports per kind (a deleted account's are gone with it), names as the accounts have them. */
    List<Series> series(UUID meetingId) {
        record Row(String name, String kind, Point point) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("select q.kind, q.reported_at, q.seconds, q.frames, q.bytes, "
                        + "q.latency_p50_ms, a.id as account, a.first_name, a.last_name from quality_records q join accounts a "
                        + "on a.id = q.account_id where q.meeting_id = :id order by a.id, q.kind, q.reported_at")
                .bind("id", meetingId)
                .map((rs, ctx) -> {
                    double seconds = Math.max(1, rs.getInt("seconds"));
                    int latency = rs.getInt("latency_p50_ms");
                    Integer latencyMs = rs.wasNull() ? null : latency;
                    return new Row(rs.getString("account") + "\n" + rs.getString("first_name") + " " + rs.getString("last_name"),
                            rs.getString("kind"), new Point(rs.getTimestamp("reported_at").toInstant(),
                            Math.round(rs.getLong("bytes") * 8.0 / seconds / 100.0) / 10.0,
                            Math.round(rs.getInt("frames") * 10.0 / seconds) / 10.0, latencyMs));
                })
                .list());
        // one series per account and kind, in the rows' order (by account, then kind, then time)
        var series = new java.util.LinkedHashMap<String, Series>();
        for (Row row : rows) {
            String name = row.name().substring(row.name().indexOf('\n') + 1);
            series.computeIfAbsent(row.name() + "\t" + row.kind(), key -> new Series(name, row.kind(), new java.util.ArrayList<>()))
                    .points().add(row.point());
        }
        return List.copyOf(series.values());
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
