package org.parley.bench;

import java.nio.ByteBuffer;

/**
 * The first 16 bytes of every fan-out payload: a sequence number and the time it was due to be
 * sent ({@link System#nanoTime()}, CLOCK_MONOTONIC on Linux, so comparable between the server's and
 * the receivers' processes on one machine). The rest of the payload is filler.
 */
final class Stamp {
    static final int LENGTH = 16;

    private Stamp() {
    }

    static void write(byte[] payload, long seq, long dueNanos) {
        ByteBuffer.wrap(payload, 0, LENGTH).putLong(seq).putLong(dueNanos);
    }

    static long seq(byte[] stamp) {
        return ByteBuffer.wrap(stamp).getLong(0);
    }

    static long dueNanos(byte[] stamp) {
        return ByteBuffer.wrap(stamp).getLong(Long.BYTES);
    }
}
