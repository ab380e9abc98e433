package org.parley.bench.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The speaking Chromium's fake microphone ({@code --use-file-for-fake-audio-capture}, which loops
 * the file): 60 ms of {@link Onset#HZ} Hz at half scale once a second, silence between, 48 kHz
 * mono 16-bit. Each burst rises over 1 ms, so the onset is sharp but not a click the codec smears.
 */
final class ToneBursts {
    static final int BURST_MS = 60;
    private static final int RAMP = Onset.RATE / 1000;

    private ToneBursts() {
    }

    static Path write(int seconds) throws IOException {
        Path path = Files.createTempFile("parley-bursts-", ".wav");
        path.toFile().deleteOnExit();
        Files.write(path, wav(seconds));
        return path;
    }

    static byte[] wav(int seconds) {
        int rate = Onset.RATE;
        int samples = rate * seconds;
        int burst = rate * BURST_MS / 1000;
        ByteBuffer out = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        out.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        out.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            int at = i % rate;
            double ramp = at < RAMP ? at / (double) RAMP : at > burst - RAMP ? Math.max(0, (burst - at) / (double) RAMP) : 1;
            double sample = at < burst ? 0.5 * ramp * Math.sin(2 * Math.PI * Onset.HZ * at / rate) : 0;
            out.putShort((short) Math.round(sample * Short.MAX_VALUE));
        }
        return out.array();
    }
}
