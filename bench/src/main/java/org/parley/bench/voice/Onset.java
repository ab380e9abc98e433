package org.parley.bench.voice;

import java.util.OptionalDouble;

/**
 * Where a tone burst starts in a short snippet of audio: the same rule on the speaking and the
 * listening side, so whatever it misjudges (a soft attack, the codec's smearing) cancels in the
 * difference. The level of {@link #HZ} is read through a sliding 10 ms rectangular window (one
 * DFT bin, so other speakers' voices away from 1 kHz hardly count); for a tone that starts at
 * sample s, that level grows linearly from s to s + window, so it crosses half the burst's peak
 * level when the window is half full: the onset is that crossing less half a window.
 */
final class Onset {
    static final int HZ = 1000;
    static final int RATE = 48_000;
    static final int WINDOW = 480;
    /** A burst quieter than this (amplitude, full scale 1) is not one: noise, or another voice leaking through. */
    static final double MIN_AMPLITUDE = 0.005;

    private Onset() {
    }

    /** Milliseconds from the snippet's first sample to the burst's onset; empty when it holds no burst. */
    static OptionalDouble find(float[] samples) {
        int n = samples.length;
        if (n < 2 * WINDOW) {
            return OptionalDouble.empty();
        }
        double w = 2 * Math.PI * HZ / RATE;
        double[] re = new double[n + 1];
        double[] im = new double[n + 1];
        for (int k = 0; k < n; k++) {
            re[k + 1] = re[k] + samples[k] * Math.cos(w * k);
            im[k + 1] = im[k] - samples[k] * Math.sin(w * k);
        }
        double[] level = new double[n + 1];
        double peak = 0;
        for (int end = WINDOW; end <= n; end++) {
            double r = re[end] - re[end - WINDOW];
            double i = im[end] - im[end - WINDOW];
            level[end] = Math.sqrt(r * r + i * i);
            peak = Math.max(peak, level[end]);
        }
        if (2 * peak / WINDOW < MIN_AMPLITUDE) {
            return OptionalDouble.empty();
        }
        for (int end = WINDOW; end <= n; end++) {
            if (level[end] >= peak / 2) {
                // interpolate between the two windows around the crossing: sub-sample, not a 20 µs step
                double before = level[end - 1];
                double fraction = end == WINDOW || level[end] == before ? 0 : (peak / 2 - before) / (level[end] - before);
                double crossing = end - 1 + fraction;
                return OptionalDouble.of((crossing - WINDOW / 2.0) * 1000.0 / RATE);
            }
        }
        return OptionalDouble.empty();
    }

    /** 16-bit little-endian PCM, as the page's probe sends it, to samples in [-1, 1). */
    static float[] pcm(byte[] bytes) {
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8)) / 32768f;
        }
        return out;
    }
}
