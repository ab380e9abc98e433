package org.parley.bench;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Latencies in log-linear microsecond buckets: exact below 64 µs, then 64 buckets per power of two
 * (within 1.6 % of the true value) up to about 12 days. Fixed size, so a thousand of them — one per
 * receiver, written by that receiver only — cost 20 KiB each, whatever the run's length.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = SUB * 35;
    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxMicros;

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    static int index(long micros) {
        if (micros < SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB - 1);
        return Math.min(BUCKETS - 1, (exponent - SUB_BITS + 1) * SUB + sub);
    }

    /** The middle of bucket {@code index}, in microseconds. */
    static double micros(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long low = (long) (SUB + index % SUB) << (exponent - SUB_BITS);
        return low + ((1L << (exponent - SUB_BITS)) - 1) / 2.0;
    }

    long total() {
        return total;
    }

    double maxMillis() {
        return maxMicros / 1e3;
    }

    /** The latency at quantile {@code q}, in milliseconds; NaN when nothing was recorded. */
    double millisAt(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(micros(i), maxMicros) / 1e3;
            }
        }
        return maxMillis();
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    /** "max;index:count,…" with the empty buckets left out: how a receiver process reports. */
    String encode() {
        var joined = new StringJoiner(",", maxMicros + ";", "");
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                joined.add(i + ":" + counts[i]);
            }
        }
        return joined.toString();
    }

    static LatencyHistogram decode(String text) {
        var histogram = new LatencyHistogram();
        String[] parts = text.split(";", 2);
        histogram.maxMicros = Long.parseLong(parts[0]);
        if (parts.length > 1 && !parts[1].isEmpty()) {
            Arrays.stream(parts[1].split(",")).forEach(pair -> {
                int colon = pair.indexOf(':');
                long count = Long.parseLong(pair.substring(colon + 1));
                histogram.counts[Integer.parseInt(pair.substring(0, colon))] += count;
                histogram.total += count;
            });
        }
        return histogram;
    }
}
