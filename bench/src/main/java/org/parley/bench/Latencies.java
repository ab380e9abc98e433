package org.parley.bench;

import java.util.Arrays;

/** Latencies of one phase, recorded by one thread each (no sharing), merged at the end. */
final class Latencies {
    /** Per-recorder cap, so a long run cannot exhaust memory; the count of requests stays exact. */
    private static final int MAX_SAMPLES = 2_000_000;
    private long[] nanos = new long[1024];
    private int size;
    private long requests;
    private long errors;

    void ok(long latencyNanos) {
        requests++;
        if (size == nanos.length && size < MAX_SAMPLES) {
            nanos = Arrays.copyOf(nanos, Math.min(size * 2, MAX_SAMPLES));
        }
        if (size < nanos.length) {
            nanos[size++] = latencyNanos;
        }
    }

    void error() {
        requests++;
        errors++;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        var all = new Latencies();
        int total = 0;
        for (Latencies part : parts) {
            total += part.size;
        }
        all.nanos = new long[total];
        for (Latencies part : parts) {
            System.arraycopy(part.nanos, 0, all.nanos, all.size, part.size);
            all.size += part.size;
            all.requests += part.requests;
            all.errors += part.errors;
        }
        Arrays.sort(all.nanos, 0, all.size);
        return all;
    }

    long requests() {
        return requests;
    }

    long errors() {
        return errors;
    }

    /** The latency at quantile q of the successful requests (sorted after {@link #merge}), in milliseconds. */
    double millisAt(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return nanos[Math.max(0, index)] / 1e6;
    }
}
