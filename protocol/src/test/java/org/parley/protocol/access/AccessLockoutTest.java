package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.protocol.MutableClock;

class AccessLockoutTest {
    private final MutableClock clock = new MutableClock();
    private final AccessLockout lockout = new AccessLockout(clock);

    @Test
    void theFifthWrongPasswordWithinFifteenMinutesLocksForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            assertThat(lockout.recordFailure()).isFalse();
            clock.advance(Duration.ofMinutes(3));
        }
        Instant fifth = clock.instant();

        assertThat(lockout.recordFailure()).isTrue();
        assertThat(lockout.lockedUntil()).contains(fifth.plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(lockout.lockedUntil()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(lockout.lockedUntil()).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            lockout.recordFailure();
        }
        clock.advance(AccessLockout.WINDOW);

        assertThat(lockout.recordFailure()).isFalse();
        assertThat(lockout.lockedUntil()).isEmpty();
    }

    @Test
    void afterALockEndsFailuresCountFromZero() {
        for (int i = 0; i < 5; i++) {
            lockout.recordFailure();
        }
        clock.advance(AccessLockout.LOCK);

        assertThat(lockout.recordFailure()).isFalse();
        assertThat(lockout.lockedUntil()).isEmpty();
    }
}
