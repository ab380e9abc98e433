package org.parley.bench.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Pairs bursts heard with bursts sent (wall-clock ms): each onset heard belongs to the latest onset
 * sent before it, if that is less than {@link #PERIOD_MS} earlier (bursts leave once a second, so a
 * delay of a second or more cannot be told from a shorter one and is not claimed), and each burst
 * sent is heard at most once (a second onset of the same burst is an echo of concealment, not news).
 * A burst sent and not heard within the period is reported too, with no delay: late or lost.
 */
final class BurstMatch {
    static final double PERIOD_MS = 1000;

    private BurstMatch() {
    }

    /** One burst: sent at {@code sentAt} (epoch ms), heard {@code delayMs} later; NaN: not within the period. */
    record Heard(double sentAt, double delayMs) {
        boolean late() {
            return Double.isNaN(delayMs);
        }
    }

    static List<Heard> pair(List<Double> sent, List<Double> heard) {
        NavigableSet<Double> open = new TreeSet<>(sent);
        List<Heard> pairs = new ArrayList<>();
        for (double at : heard.stream().sorted().toList()) {
            Double from = open.floor(at);
            if (from != null && at - from < PERIOD_MS) {
                pairs.add(new Heard(from, at - from));
                open.remove(from);
            }
        }
        for (double from : open) {
            pairs.add(new Heard(from, Double.NaN));
        }
        pairs.sort(java.util.Comparator.comparingDouble(Heard::sentAt));
        return pairs;
    }
}
