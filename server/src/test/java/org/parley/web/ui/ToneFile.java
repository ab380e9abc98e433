package org.parley.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV file of a known tone for Chromium's fake microphone ({@code --use-file-for-fake-audio-capture},
 * which loops it): {@link #HZ} Hz at half scale, 48 kHz mono 16-bit, in bursts of 400 ms with 100 ms
 * pauses, so it is a signal that starts and stops, as speech does, rather than a steady hum a noise
 * suppressor learns to remove. Written once per JVM to a temporary file.
 */
public final class ToneFile {
    public static final int HZ = 440;
    private static final int RATE = 48_000;
    private static Path path;

    private ToneFile() {
    }

    public static synchronized String path() {
        if (path == null) {
            try {
                path = Files.createTempFile("parley-tone-", ".wav");
                path.toFile().deleteOnExit();
                Files.write(path, wav(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return path.toString();
    }

    private static byte[] wav(int seconds) {
        int samples = RATE * seconds;
        ByteBuffer out = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        out.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        out.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            boolean on = (i % (RATE / 2)) < RATE * 4 / 10;
            double sample = on ? 0.5 * Math.sin(2 * Math.PI * HZ * i / RATE) : 0;
            out.putShort((short) Math.round(sample * Short.MAX_VALUE));
        }
        return out.array();
    }
}
