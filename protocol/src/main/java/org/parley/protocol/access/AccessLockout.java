package org.parley.protocol.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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

    /**
     * What a lockout remembers, so an agent can keep it in a file across restarts (a restart must not
     * give a guesser fresh attempts).
     *
     * @param failures the wrong passwords that still count, oldest first
     * @param lockedUntil the end of the current lock, or null for none
     */
    public record State(List<Instant> failures, Instant lockedUntil) {
        public State {
            failures = List.copyOf(failures);
        }
    }

    /**
     * A lockout that goes on from {@code state} (as {@link #state()} gave it, perhaps before a restart).
     * Times later than a lock or a failure could be now are brought back to now, so a damaged file or a
     * clock set back cannot lock the machine for longer than {@link #LOCK}.
     */
    public AccessLockout(Clock clock, State state) {
        this(clock);
        Instant now = clock.instant();
        state.failures().stream().map(at -> at.isAfter(now) ? now : at).filter(at -> at.isAfter(now.minus(WINDOW))).sorted()
                .forEach(failures::addLast);
        Instant until = state.lockedUntil();
        if (until != null && until.isAfter(now)) {
            lockedUntil = until.isAfter(now.plus(LOCK)) ? now.plus(LOCK) : until;
        }
    }

    /** What this lockout remembers now: the failures within {@link #WINDOW}, and the lock if one holds. */
    public synchronized State state() {
        Instant now = clock.instant();
        forgetOldFailures(now);
        return new State(List.copyOf(failures), lockedUntil().orElse(null));
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
        forgetOldFailures(now);
        failures.addLast(now);
        if (failures.size() < MAX_FAILURES) {
            return false;
        }
        failures.clear();
        lockedUntil = now.plus(LOCK);
        return true;
    }

    private void forgetOldFailures(Instant now) {
        Instant oldest = now.minus(WINDOW);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
    }
}
