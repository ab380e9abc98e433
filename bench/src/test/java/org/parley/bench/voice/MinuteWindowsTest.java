package org.parley.bench.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteWindowsTest {
    @Test
    void percentilesArePerMinuteOfTheRunAndOverAnyRangeOfMinutes() {
        var w = new MinuteWindows(10_000);
        for (int i = 1; i <= 100; i++) {
            w.add(10_000 + i * 100, i); // minute 0: 1..100 ms
            w.add(70_000 + i * 100, 200 + i); // minute 1: 201..300 ms
        }
        w.add(5_000, 9999); // before the start: not counted
        assertThat(w.minutes()).isEqualTo(2);
        assertThat(w.percentile(0, 50)).isEqualTo(50);
        assertThat(w.percentile(0, 95)).isEqualTo(95);
        assertThat(w.percentile(1, 95)).isEqualTo(295);
        assertThat(w.percentile(0, 2, 50)).isEqualTo(100);
        assertThat(w.count(0, 2)).isEqualTo(200);
        assertThat(w.countAtLeast(0, 2, 291)).isEqualTo(10);
        assertThat(w.percentile(5, 50)).as("a minute with nothing").isEqualTo(-1);
    }

    @Test
    void delaysBeyondTenSecondsLandInTheLastBucket() {
        var w = new MinuteWindows(0);
        w.add(1, 60_000);
        assertThat(w.percentile(0, 50)).isEqualTo(10_000);
    }
}
