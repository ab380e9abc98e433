package org.parley.bench.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * Delays (ms) grouped by the minute of the run they belong to, as 1 ms buckets up to 10 s (one
 * more for anything later), so millions of relay transit times cost a few kB per minute and any
 * percentile of any minute, or of the whole run, can be read afterwards. Thread-safe.
 */
final class MinuteWindows {
    private static final int BUCKETS = 10_001;
    private final long startMillis;
    private final List<long[]> minutes = new ArrayList<>();

    MinuteWindows(long startMillis) {
        this.startMillis = startMillis;
    }

    /** A delay of an event at {@code atMillis} (epoch ms); before the start it is not counted. */
    synchronized void add(double atMillis, double delayMs) {
        if (atMillis < startMillis) {
            return;
        }
        int minute = (int) ((atMillis - startMillis) / 60_000);
        while (minutes.size() <= minute) {
            minutes.add(new long[BUCKETS]);
        }
        minutes.get(minute)[(int) Math.max(0, Math.min(BUCKETS - 1, Math.round(delayMs)))]++;
    }

    synchronized int minutes() {
        return minutes.size();
    }

    synchronized long count(int minute) {
        return minute < minutes.size() ? sum(minutes.get(minute)) : 0;
    }

    /** The {@code p}th percentile (nearest rank) of minute {@code minute}, in ms; -1 when it has none. */
    synchronized long percentile(int minute, double p) {
        return minute < minutes.size() ? percentile(minutes.get(minute), p) : -1;
    }

    /** The {@code p}th percentile over minutes {@code from} (inclusive) to {@code to} (exclusive). */
    synchronized long percentile(int from, int to, double p) {
        long[] all = new long[BUCKETS];
        for (int m = from; m < Math.min(to, minutes.size()); m++) {
            for (int b = 0; b < BUCKETS; b++) {
                all[b] += minutes.get(m)[b];
            }
        }
        return percentile(all, p);
    }

    synchronized long count(int from, int to) {
        long n = 0;
        for (int m = from; m < Math.min(to, minutes.size()); m++) {
            n += sum(minutes.get(m));
        }
        return n;
    }

    /** How many delays of minutes {@code from} to {@code to} (exclusive) were {@code ms} or more. */
    synchronized long countAtLeast(int from, int to, long ms) {
        long n = 0;
        for (int m = from; m < Math.min(to, minutes.size()); m++) {
            for (int b = (int) Math.min(ms, BUCKETS - 1); b < BUCKETS; b++) {
                n += minutes.get(m)[b];
            }
        }
        return n;
    }

    private static long sum(long[] buckets) {
        long n = 0;
        for (long c : buckets) {
            n += c;
        }
        return n;
    }

    private static long percentile(long[] buckets, double p) {
        long n = sum(buckets);
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100 * n));
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= rank) {
                return b;
            }
        }
        return buckets.length - 1;
    }
}
