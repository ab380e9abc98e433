package org.parley.bench.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OnsetTest {
    private static float[] burstAt(int length, int start, double amplitude) {
        float[] x = new float[length];
        for (int i = start; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * Onset.HZ * (i - start) / Onset.RATE));
        }
        return x;
    }

    @Test
    void findsWhereATonePastSilenceStartsToWithinATenthOfAMillisecond() {
        assertThat(Onset.find(burstAt(2880, 1000, 0.5)).orElseThrow()).isCloseTo(1000 / 48.0, within(0.1));
        assertThat(Onset.find(burstAt(2880, 1500, 0.02)).orElseThrow()).as("a quiet burst, the same onset")
                .isCloseTo(1500 / 48.0, within(0.1));
    }

    @Test
    void anotherVoiceAwayFromOneKilohertzDoesNotMoveTheOnset() {
        float[] x = burstAt(2880, 1200, 0.3);
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) Onset.RATE;
            x[i] += (float) (0.1 * Math.sin(2 * Math.PI * 150 * t) + 0.06 * Math.sin(2 * Math.PI * 300 * t) + 0.03 * Math.sin(2 * Math.PI * 450 * t));
        }
        assertThat(Onset.find(x).orElseThrow()).isCloseTo(1200 / 48.0, within(0.5));
    }

    @Test
    void silenceOrAVoiceAloneHoldsNoBurst() {
        assertThat(Onset.find(new float[2880])).isEmpty();
        float[] voice = new float[2880];
        for (int i = 0; i < voice.length; i++) {
            voice[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / (double) Onset.RATE));
        }
        assertThat(Onset.find(voice)).isEmpty();
    }

    @Test
    void readsTheProbesSixteenBitLittleEndianPcm() {
        assertThat(Onset.pcm(new byte[] {0x00, 0x40, 0x00, (byte) 0x80})).containsExactly(0.5f, -1f);
    }
}
