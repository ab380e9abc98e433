package org.parley.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** One line of the result table: a phase, what it did and how fast. */
record Row(String phase, int clients, Duration elapsed, Latencies latencies) {

    double perSecond() {
        return latencies.requests() / (elapsed.toNanos() / 1e9);
    }

    static void print(List<Row> rows) {
        String format = "%-28s %8s %9s %7s %10s %9s %9s %9s %9s%n";
        System.out.printf(Locale.ROOT, format, "phase", "clients", "requests", "errors", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "time s");
        for (Row r : rows) {
            var l = r.latencies();
            System.out.printf(Locale.ROOT, format, r.phase(), r.clients(), l.requests(), l.errors(),
                    String.format(Locale.ROOT, "%.1f", r.perSecond()), ms(l.millisAt(0.50)), ms(l.millisAt(0.99)),
                    ms(l.millisAt(0.999)), String.format(Locale.ROOT, "%.1f", r.elapsed().toMillis() / 1000.0));
        }
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
