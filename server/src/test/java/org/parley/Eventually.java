package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.function.Supplier;

/** Waiting for what the server records a moment after the request that caused it (a socket's end, say). */
public final class Eventually {
    private Eventually() {
    }

    /** Waits (up to 10 s) until {@code value} gives {@code expected}; fails with the last value otherwise. */
    public static <T> void eventually(Supplier<T> value, T expected) {
        Instant deadline = Instant.now().plusSeconds(10);
        T last = value.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            last = value.get();
        }
        assertThat(last).isEqualTo(expected);
    }
}
