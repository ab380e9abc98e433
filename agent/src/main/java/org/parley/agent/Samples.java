package org.parley.agent;

import java.util.Arrays;
import java.util.Locale;

/** A growing list of measurements (times in nanoseconds or sizes in bytes) and their summary. */
final class Samples {
    private long[] values = new long[256];
    private int count;

    void add(long value) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
    }

    int count() {
        return count;
    }

    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(count - 1, Math.round(p / 100 * (count - 1)))];
    }

    double mean() {
        return count == 0 ? 0 : Arrays.stream(values, 0, count).average().orElse(0);
    }

    /** "median 12.3 ms, p95 20.1 ms" for samples in nanoseconds. */
    String millis() {
        return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms", percentile(50) / 1e6, percentile(95) / 1e6);
    }

    /** "mean 1234 B, median 1200 B, max 5000 B" for samples in bytes. */
    String bytes() {
        return String.format(Locale.ROOT, "mean %.0f B, median %d B, max %d B", mean(), percentile(50), percentile(100));
    }
}
