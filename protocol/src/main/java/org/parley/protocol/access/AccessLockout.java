package org.parley.protocol.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's brake on password guessing (README §10): {@value #MAX_FAILURES} wrong passwords
 * within {@link #WINDOW} lock the machine for {@link #LOCK}, during which every attempt is refused
 * without being checked. One per machine, shared by all handshakes (an attacker may run several at
 * once). A right password does not clear earlier failures, so guesses cannot be spread between a
 * legitimate user's logins; the failures are forgotten when a lock ends. Thread-safe.
 */
public final class AccessLockout {
    /** Wrong passwords within {@link #WINDOW} that lock the machine. */
    public static final int MAX_FAILURES = 5;
    /** How far back wrong passwords count. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** How long a lock lasts. */
    public static final Duration LOCK = Duration.ofMinutes(15);

    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private Instant lockedUntil;

    /** A lockout with no failures yet, reading the time from {@code clock}. */
    public AccessLockout(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Until when every attempt is refused; empty when attempts are allowed now. */
    public synchronized Optional<Instant> lockedUntil() {
        Instant now = clock.instant();
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            lockedUntil = null;
        }
        return Optional.ofNullable(lockedUntil);
    }

    /**
     * Counts one wrong password now.
     *
     * @return true if this failure locked the machine
     */
    public synchronized boolean recordFailure() {
        Instant now = clock.instant();
        Instant oldest = now.minus(WINDOW);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
        failures.addLast(now);
        if (failures.size() < MAX_FAILURES) {
            return false;
        }
        failures.clear();
        lockedUntil = now.plus(LOCK);
        return true;
    }
}
