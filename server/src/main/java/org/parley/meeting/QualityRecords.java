package org.parley.meeting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Session quality records (DESIGN.md §1, Operations): what a participant's browser received of a
 * screen, the voices or the cameras over a period — frames, bytes, latency and, where messages are
 * numbered, loss. Only these numbers are stored — what was seen or heard never reaches the server.
 */
final class QualityRecords {
    private final Jdbi jdbi;

    QualityRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One participant's report for {@code seconds} of one kind of stream. */
    record Report(String kind, int seconds, int frames, long bytes, Optional<Integer> latencyP50Ms, Optional<Loss> loss) {
    }

    /**
     * Of the numbered units (tile frames, voice packets) a sender sent in the period: how many arrived
     * and how many never did. Absent for streams without numbers, where nobody can count what is missing.
     */
    record Loss(int received, int lost) {
        double percent() {
            return percent(received, lost);
        }

        /** Lost of all that was sent, in percent to one decimal; 0 when nothing was sent. */
        static double percent(long received, long lost) {
            return received + lost == 0 ? 0 : Math.round(lost * 1000.0 / (received + lost)) / 10.0;
        }
    }

    /** Kilobits per second, to one decimal: the same number in the plots and the summary. */
    static double kbps(long bytes, double seconds) {
        return Math.round(bytes * 8.0 / Math.max(1, seconds) / 100.0) / 10.0;
    }

    /** Frames (or packets) per second, to one decimal. */
    static double perSecond(long frames, double seconds) {
        return Math.round(frames * 10.0 / Math.max(1, seconds)) / 10.0;
    }

    void add(UUID meetingId, UUID accountId, Instant at, Report report) {
        jdbi.useHandle(h -> {
            var insert = h.createUpdate("insert into quality_records (meeting_id, account_id, reported_at, kind, seconds, frames, "
                    + "bytes, latency_p50_ms, received, lost) values (:meeting, :account, :at, :kind, :seconds, :frames, :bytes, :latency, "
                    + ":received, :lost)");
            report.latencyP50Ms().ifPresentOrElse(ms -> insert.bind("latency", ms), () -> insert.bindNull("latency", java.sql.Types.INTEGER));
            report.loss().ifPresentOrElse(loss -> insert.bind("received", loss.received()).bind("lost", loss.lost()),
                    () -> insert.bindNull("received", java.sql.Types.INTEGER).bindNull("lost", java.sql.Types.INTEGER));
            insert.bind("meeting", meetingId).bind("account", accountId).bind("at", Timestamp.from(at)).bind("kind", report.kind())
                    .bind("seconds", report.seconds()).bind("frames", report.frames()).bind("bytes", report.bytes()).execute();
        });
    }

    /** One participant's reports of one kind, oldest first: for the organizer's plots over time. */
    record Series(String name, String kind, List<Point> points) {
    }

    /** One report: when it ended, and what it measured over its seconds; loss null where nothing was numbered. */
    record Point(Instant at, double kbps, double fps, Integer latencyMs, Loss loss) {
    }

    /** Every participant's reports per kind (a deleted account's are gone with it), names as the accounts have them. */
    List<Series> series(UUID meetingId) {
        record Row(String name, String kind, Point point) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("select q.kind, q.reported_at, q.seconds, q.frames, q.bytes, "
                        + "q.latency_p50_ms, q.received, q.lost, a.id as account, a.first_name, a.last_name from quality_records q join accounts a "
                        + "on a.id = q.account_id where q.meeting_id = :id order by a.id, q.kind, q.reported_at")
                .bind("id", meetingId)
                .map((rs, ctx) -> {
                    double seconds = rs.getInt("seconds");
                    int latency = rs.getInt("latency_p50_ms");
                    Integer latencyMs = rs.wasNull() ? null : latency;
                    int received = rs.getInt("received");
                    Loss loss = rs.wasNull() ? null : new Loss(received, rs.getInt("lost"));
                    return new Row(rs.getString("account") + "\n" + rs.getString("first_name") + " " + rs.getString("last_name"),
                            rs.getString("kind"), new Point(rs.getTimestamp("reported_at").toInstant(),
                            kbps(rs.getLong("bytes"), seconds), perSecond(rs.getInt("frames"), seconds), latencyMs, loss));
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

    /** Per kind of stream: reports, seconds covered, average fps and kbit/s, the worst latency median, and the loss. */
    List<Map<String, Object>> summary(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select kind, count(*) as reports, sum(seconds) as seconds, "
                        + "sum(frames) as frames, sum(bytes) as bytes, max(latency_p50_ms) as worst_latency_ms, "
                        + "sum(received) as received, sum(lost) as lost "
                        + "from quality_records where meeting_id = :id group by kind order by kind")
                .bind("id", meetingId)
                .map((rs, ctx) -> {
                    long seconds = Math.max(1, rs.getLong("seconds"));
                    int worst = rs.getInt("worst_latency_ms");
                    boolean noLatency = rs.wasNull();
                    long received = rs.getLong("received");
                    boolean noLoss = rs.wasNull();
                    long lost = rs.getLong("lost");
                    return Map.<String, Object>of("kind", rs.getString("kind"), "reports", rs.getInt("reports"),
                            "seconds", seconds, "fps", perSecond(rs.getLong("frames"), seconds),
                            "kbps", kbps(rs.getLong("bytes"), seconds),
                            "worstLatencyMs", noLatency ? "" : worst,
                            "lossPercent", noLoss ? "" : Loss.percent(received, lost));
                })
                .list());
    }
}
