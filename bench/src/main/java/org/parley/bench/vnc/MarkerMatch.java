package org.parley.bench.vnc;

import java.util.ArrayList;
import java.util.List;

/**
 * Which marker changes a viewer showed, and how late: each change logged by {@link BusyDesktop}
 * at time t (epoch ms) in the measured window is matched to the first probe reading at or after t
 * whose colour is the change's, and before the same colour comes round again on the screen (12
 * changes later). Colours are read to the nearest {@link BusyDesktop#PALETTE} entry within a
 * distance that a lossy encoding (noVNC's Tight JPEG) stays inside; anything else is no colour.
 */
record MarkerMatch(List<Long> latencies, int shown, int changes) {
    private static final int TOLERANCE = 60;

    /** {@code markers}: (epoch ms, rgb) of every change logged so far; {@code samples}: (epoch ms, rgb) of every change the probe read. */
    static MarkerMatch of(List<long[]> markers, List<long[]> samples, long from, long until) {
        List<Long> latencies = new ArrayList<>();
        int changes = 0;
        for (int i = 0; i < markers.size(); i++) {
            long at = markers.get(i)[0];
            if (at < from || at >= until) {
                continue;
            }
            changes++;
            int colour = classify((int) markers.get(i)[1]);
            long repeat = i + BusyDesktop.PALETTE.length < markers.size() ? markers.get(i + BusyDesktop.PALETTE.length)[0] : Long.MAX_VALUE;
            for (long[] sample : samples) {
                if (sample[0] >= at && sample[0] < repeat && classify((int) sample[1]) == colour) {
                    latencies.add(sample[0] - at);
                    break;
                }
            }
        }
        return new MarkerMatch(List.copyOf(latencies), latencies.size(), changes);
    }

    /** The index in the palette of the colour nearest to {@code rgb}, or -1 if none is near. */
    static int classify(int rgb) {
        if (rgb < 0) {
            return -1;
        }
        for (int i = 0; i < BusyDesktop.PALETTE.length; i++) {
            int p = BusyDesktop.PALETTE[i];
            int dr = (rgb >> 16 & 0xff) - (p >> 16 & 0xff);
            int dg = (rgb >> 8 & 0xff) - (p >> 8 & 0xff);
            int db = (rgb & 0xff) - (p & 0xff);
            if (dr * dr + dg * dg + db * db <= TOLERANCE * TOLERANCE) {
                return i;
            }
        }
        return -1;
    }

    /** The nearest-rank percentile of {@code values} (not empty). */
    static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
