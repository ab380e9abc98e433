package org.parley.bench.vnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency and "changes shown" rows of BusyDesktopBench: how logged marker changes are matched to what the probe read. */
class MarkerMatchTest {
    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;

    @Test
    void aChangeIsMatchedToTheFirstReadingOfItsColourAtOrAfterIt() {
        List<long[]> markers = List.of(change(1_000, RED), change(2_000, GREEN));
        List<long[]> samples = List.of(change(1_040, RED), change(2_100, GREEN), change(2_200, RED + 0x000001));

        MarkerMatch match = MarkerMatch.of(markers, samples, 0, 10_000);

        assertThat(match.latencies()).containsExactly(40L, 100L);
        assertThat(match.shown()).isEqualTo(2);
        assertThat(match.changes()).isEqualTo(2);
    }

    @Test
    void aChangeTheViewerSkippedIsCountedButNotShown() {
        List<long[]> markers = List.of(change(1_000, RED), change(1_100, GREEN), change(1_200, BLUE));
        List<long[]> samples = List.of(change(1_050, RED), change(1_300, BLUE)); // green never reached the canvas

        MarkerMatch match = MarkerMatch.of(markers, samples, 0, 10_000);

        assertThat(match.latencies()).containsExactly(50L, 100L);
        assertThat(match.shown()).isEqualTo(2);
        assertThat(match.changes()).isEqualTo(3);
    }

    @Test
    void theSameColourShownBeforeTheChangeOrAfterItCameRoundAgainIsNotAMatch() {
        List<long[]> markers = new ArrayList<>();
        for (int i = 0; i <= BusyDesktop.PALETTE.length; i++) {
            markers.add(change(1_000L * (i + 1), BusyDesktop.PALETTE[i % BusyDesktop.PALETTE.length]));
        }
        long again = markers.get(BusyDesktop.PALETTE.length)[0]; // the first colour, 12 changes later
        List<long[]> samples = List.of(change(500, BusyDesktop.PALETTE[0]), change(again + 10, BusyDesktop.PALETTE[0]));

        MarkerMatch match = MarkerMatch.of(markers, samples, 1_000, 1_001); // only the first change is in the window

        assertThat(match.changes()).isEqualTo(1);
        assertThat(match.shown()).isZero();
    }

    @Test
    void changesOutsideTheWindowAreNotCounted() {
        List<long[]> markers = List.of(change(500, RED), change(1_500, GREEN), change(3_000, BLUE));
        List<long[]> samples = List.of(change(520, RED), change(1_530, GREEN), change(3_030, BLUE));

        MarkerMatch match = MarkerMatch.of(markers, samples, 1_000, 3_000);

        assertThat(match.latencies()).containsExactly(30L);
        assertThat(match.changes()).isEqualTo(1);
    }

    @Test
    void aLossyColourNearAPaletteEntryIsThatEntryAndABlendIsNone() {
        assertThat(MarkerMatch.classify(0xf60a08)).isEqualTo(0); // red after JPEG
        assertThat(MarkerMatch.classify(0x808000)).isEqualTo(-1); // half red, half green: a scaled edge
        assertThat(MarkerMatch.classify(-1)).isEqualTo(-1); // nothing read yet
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> values = List.of(50L, 10L, 40L, 20L, 30L);

        assertThat(MarkerMatch.percentile(values, 50)).isEqualTo(30L);
        assertThat(MarkerMatch.percentile(values, 95)).isEqualTo(50L);
        assertThat(MarkerMatch.percentile(List.of(7L), 95)).isEqualTo(7L);
    }

    private static long[] change(long at, int rgb) {
        return new long[] {at, rgb};
    }
}
