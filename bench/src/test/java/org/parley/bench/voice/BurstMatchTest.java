package org.parley.bench.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BurstMatchTest {
    @Test
    void eachBurstHeardBelongsToTheLatestSentBeforeItAndIsCountedOnce() {
        var pairs = BurstMatch.pair(List.of(1000.0, 2000.0, 3000.0, 4000.0), List.of(1080.0, 1090.0, 2120.0, 4400.0));
        assertThat(pairs).containsExactly(new BurstMatch.Heard(1000, 80), new BurstMatch.Heard(2000, 120),
                new BurstMatch.Heard(3000, Double.NaN), new BurstMatch.Heard(4000, 400));
        assertThat(pairs.get(2).late()).isTrue();
    }

    @Test
    void aBurstHeardBeforeAnyWasSentOrASecondLaterIsNotClaimedAndTheBurstSentCountsAsLateOrLost() {
        assertThat(BurstMatch.pair(List.of(1000.0), List.of(900.0, 2000.0))).containsExactly(new BurstMatch.Heard(1000, Double.NaN));
    }
}
