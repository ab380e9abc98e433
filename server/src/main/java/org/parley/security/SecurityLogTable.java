package org.parley.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * Keeps the security log ({@code org.parley.security}) in the database too, for the operator's page:
 * every node writes its own events, the page reads them all. A request never waits for the database:
 * events go through a bounded queue to one writer thread, and in a flood (the rate limits being hit
 * thousands of times a second) the excess is counted and dropped here — the log file still has every line.
 */
public final class SecurityLogTable implements AutoCloseable {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(SecurityLogTable.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private final Jdbi jdbi;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    /** Events taken by the appender (queued or dropped) and events done with by the writer: flush waits for the second to catch up. */
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Logger logger;
    private final Appender appender;
    private final Thread writer;
    private volatile boolean closing;

    /** One line of the security log, as stored and as the operator's page shows it. */
    public record Entry(Instant at, String level, String event, String ip, String userAgent, String subject, String detail) {
    }

    private SecurityLogTable(Jdbi jdbi, Logger logger) {
        this.jdbi = jdbi;
        this.logger = logger;
        this.appender = new Appender();
        this.writer = Thread.ofPlatform().daemon().name("security-log-table").start(this::drain);
    }

    /** Starts copying the security log to the table; close to stop (the server does at shutdown, after writing what is queued). */
    public static SecurityLogTable open(Jdbi jdbi) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("the security log needs Logback as the SLF4J backend");
        }
        Logger logger = context.getLogger(SecurityLog.LOGGER);
        if (!logger.isInfoEnabled()) {
            // a record, not chatter: a quiet root level (WARN) must not drop an operator's changes or an approval
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        var table = new SecurityLogTable(jdbi, logger);
        table.appender.setContext(context);
        table.appender.setName("security-table-" + System.identityHashCode(table));
        table.appender.start();
        table.logger.addAppender(table.appender);
        return table;
    }

    /** The newest entries first, at most {@code limit}, optionally only one kind of event. */
    public List<Entry> recent(Optional<String> event, int limit) {
        return jdbi.withHandle(h -> h.createQuery("select at, level, event, ip, user_agent, subject, detail from security_log "
                        + (event.isPresent() ? "where event = :event " : "") + "order by at desc, id desc limit :limit")
                .bindByType("event", event.orElse(null), String.class).bind("limit", limit)
                .map((rs, ctx) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("level"), rs.getString("event"),
                        rs.getString("ip"), rs.getString("user_agent"), rs.getString("subject"), rs.getString("detail")))
                .list());
    }

    /**
     * An account is deleted: its entries keep what happened and from which address (the attack they
     * may record still shows), but no longer name it — its id and address become "a deleted account".
     * The log file keeps its lines for its 90 days, as the privacy policy says.
     */
    public void forget(org.jdbi.v3.core.Handle h, java.util.UUID accountId, String email) {
        flush();
        for (String name : List.of(accountId.toString(), email)) {
            h.createUpdate("update security_log set detail = replace(detail, :name, 'a deleted account'), "
                            + "subject = case when subject = :name then 'a deleted account' else subject end "
                            + "where detail like :pattern escape '!' or subject = :name")
                    .bind("name", name).bind("pattern", "%" + name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                    .execute();
        }
    }

    /** Deletes entries older than {@code retention}; returns how many. */
    public int purge(Duration retention, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("delete from security_log where at < :before")
                .bind("before", Timestamp.from(now.minus(retention))).execute());
    }

    /** Waits (up to 5 s) until what was logged so far is in the table: the operator's page, an account's deletion. */
    public void flush() {
        long target = taken.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (done.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        closing = true;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        var batch = new ArrayList<Entry>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    continue; // closing: the loop ends once nothing is left
                }
            }
            queue.drainTo(batch, BATCH - batch.size());
            write(batch);
            done.addAndGet(batch.size());
            batch.clear();
        }
    }

    private void write(List<Entry> batch) {
        try {
            jdbi.useHandle(h -> {
                var insert = h.prepareBatch("insert into security_log (at, level, event, ip, user_agent, subject, detail) "
                        + "values (:at, :level, :event, :ip, :ua, :subject, :detail)");
                for (Entry e : batch) {
                    insert.bind("at", Timestamp.from(e.at())).bind("level", e.level()).bind("event", e.event())
                            .bindByType("ip", e.ip(), String.class).bindByType("ua", e.userAgent(), String.class)
                            .bindByType("subject", e.subject(), String.class).bindByType("detail", e.detail(), String.class).add();
                }
                insert.execute();
            });
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                log.atWarn().addKeyValue("dropped", lost).log("security log table: events dropped in a flood (the file has them)");
            }
        } catch (RuntimeException e) {
            // the database is gone (shutdown) or refused: the file still has these lines
            log.atWarn().addKeyValue("events", batch.size()).addKeyValue("reason", e.getMessage()).log("security log table: not written");
        }
    }

    /** Turns a logging event into an entry: the event name, IP and user agent apart; every other key into the detail. */
    static Entry entry(ILoggingEvent event) {
        String name = null;
        String ip = null;
        String userAgent = null;
        String subject = null;
        var detail = new StringBuilder();
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        for (KeyValuePair pair : pairs) {
            String value = String.valueOf(pair.value);
            switch (pair.key) {
                case "event" -> name = value;
                case "ip" -> ip = value;
                case "userAgent" -> userAgent = value;
                case "subject" -> subject = value;
                case "detail" -> detail.insert(0, value + (detail.isEmpty() ? "" : "; "));
                default -> detail.append(detail.isEmpty() ? "" : "; ").append(pair.key).append('=').append(value);
            }
        }
        if (name == null) {
            // the machine events carry their name as the message ("machine access changed")
            name = event.getFormattedMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        }
        return new Entry(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), cut(name, 60), cut(ip, 45),
                cut(userAgent, 512), cut(subject, 300), detail.isEmpty() ? null : cut(detail.toString(), 1000));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            taken.incrementAndGet();
            if (!queue.offer(entry(event))) {
                dropped.incrementAndGet();
                done.incrementAndGet();
            }
        }
    }
}
