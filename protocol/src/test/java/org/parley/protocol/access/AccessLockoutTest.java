package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    @Test
    void aLockoutRestoredFromItsStateGoesOnWhereItWas() {
        for (int i = 0; i < 3; i++) {
            lockout.recordFailure();
            clock.advance(Duration.ofMinutes(1));
        }

        var restored = new AccessLockout(clock, lockout.state());

        assertThat(restored.recordFailure()).isFalse();
        assertThat(restored.recordFailure()).as("the fifth wrong password, two of them before the restart").isTrue();
        Instant until = restored.lockedUntil().orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        var again = new AccessLockout(clock, restored.state());
        assertThat(again.lockedUntil()).contains(until);
        assertThat(again.state().failures()).isEmpty();
    }

    @Test
    void aRestoredStateForgetsOldFailuresAndCannotLockForLongerThanALock() {
        Instant now = clock.instant();
        var restored = new AccessLockout(clock, new AccessLockout.State(
                List.of(now.minus(AccessLockout.WINDOW), now.minusSeconds(60), now.plus(Duration.ofDays(400))),
                now.plus(Duration.ofDays(365))));

        assertThat(restored.lockedUntil()).contains(now.plus(AccessLockout.LOCK));
        assertThat(restored.state().failures()).containsExactly(now.minusSeconds(60), now);
        clock.advance(AccessLockout.LOCK);
        assertThat(restored.lockedUntil()).isEmpty();
    }

    @Test
    void theStateOfAFreshLockoutIsEmpty() {
        assertThat(lockout.state()).isEqualTo(new AccessLockout.State(List.of(), null));
    }
}
