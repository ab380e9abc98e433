package org.parley.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.parley.relay.RelayFeature;
import org.parley.web.Failure;

/**
 * The operator's numbers, in Prometheus's text format (issue 14): the relay's rooms, participants,
 * envelopes and bytes in and out, media drops, closes by reason and queue depth; every HTTP route's
 * latency; the database pool; the JVM. Every name starts with {@code parley_}. Nothing here names
 * a person, a meeting or a message: counts and durations only.
 */
public final class ParleyMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ParleyMetrics(RelayFeature relay, DataSource database) {
        // the JVM's and Micrometer's own meters get our prefix too, so one scrape selector finds them all
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("parley.") ? id : id.withName("parley." + id.getName());
            }
        });
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindRelay(relay);
        if (database instanceof HikariDataSource pool) {
            bindPool(pool);
        }
    }

    private void bindRelay(RelayFeature relay) {
        var counters = relay.counters();
        Gauge.builder("parley.relay.rooms", relay, RelayFeature::rooms).description("Rooms with someone in them").register(registry);
        Gauge.builder("parley.relay.participants", relay, RelayFeature::participants)
                .description("Connections in rooms, waiting or admitted").register(registry);
        Gauge.builder("parley.relay.queued.messages", relay, RelayFeature::queuedMessages)
                .description("Envelopes waiting in receivers' send queues").register(registry);
        FunctionCounter.builder("parley.relay.messages.in", counters, c -> c.messagesIn())
                .description("Envelopes received from participants").register(registry);
        FunctionCounter.builder("parley.relay.bytes.in", counters, c -> c.bytesIn()).register(registry);
        FunctionCounter.builder("parley.relay.messages.out", counters, c -> c.messagesOut())
                .description("Envelopes queued to receivers, one per receiver").register(registry);
        FunctionCounter.builder("parley.relay.bytes.out", counters, c -> c.bytesOut()).register(registry);
        FunctionCounter.builder("parley.relay.media.dropped", counters, c -> c.mediaDropped())
                .description("MEDIA not sent to a receiver that was behind").register(registry);
        for (Failure failure : Failure.values()) {
            FunctionCounter.builder("parley.relay.closes", counters, c -> c.closes(failure))
                    .tag("reason", failure.name().toLowerCase(Locale.ROOT))
                    .description("Connections the relay closed, by reason (slow_consumer, rate_limited, …)").register(registry);
        }
    }

    private void bindPool(HikariDataSource pool) {
        Gauge.builder("parley.db.pool.connections.active", pool, p -> p.getHikariPoolMXBean().getActiveConnections()).register(registry);
        Gauge.builder("parley.db.pool.connections.idle", pool, p -> p.getHikariPoolMXBean().getIdleConnections()).register(registry);
        Gauge.builder("parley.db.pool.connections.total", pool, p -> p.getHikariPoolMXBean().getTotalConnections()).register(registry);
        Gauge.builder("parley.db.pool.connections.pending", pool, p -> p.getHikariPoolMXBean().getThreadsAwaitingConnection())
                .description("Requests waiting for a database connection").register(registry);
        Gauge.builder("parley.db.pool.connections.max", pool, HikariDataSource::getMaximumPoolSize).register(registry);
    }

    /** One HTTP request: its route as declared ({@code /api/v1/meetings/{id}}, or "static"), method and status. */
    public void request(String method, String route, int status, double millis) {
        Timer.builder("parley.http.server.requests").tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(Math.round(millis * 1e6)));
    }

    /** The scrape: Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
