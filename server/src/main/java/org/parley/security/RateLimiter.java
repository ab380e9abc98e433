package org.parley.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per key (an IP, an account): at most {@code limit} events per
 * {@code window}. Memory is bounded: expired windows are swept once per window length and
 * whenever {@code maxKeys} keys are tracked; if that is not enough, the keys still under their
 * limit are forgotten first — a flood of new keys must not free those that are blocked — and only
 * a table full of blocked keys is cleared rather than grow.
 */
public final class RateLimiter {
    private final String name;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    private record Window(Instant start, int count) {
    }

    public RateLimiter(String name, int limit, Duration window, Clock clock) {
        this(name, limit, window, clock, 100_000);
    }

    RateLimiter(String name, int limit, Duration window, Clock clock, int maxKeys) {
        this.name = name;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** Counts one event for {@code key}; returns how long to wait if this one is over the limit. */
    public Optional<Duration> acquire(String key) {
        Instant now = clock.instant();
        if (windows.size() >= maxKeys || !now.isBefore(nextSweep)) {
            sweep(now);
        }
        Window updated = windows.compute(key, (k, current) ->
                current == null || !now.isBefore(current.start().plus(window))
                        ? new Window(now, 1)
                        : new Window(current.start(), current.count() + 1));
        if (updated.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, updated.start().plus(window)));
    }

    /**
     * Counts one event for {@code key} and refuses it with 429 and Retry-After when over the limit:
     * the one way a route applies a limit (the security log records each refusal, see ErrorResponses).
     */
    public void charge(String key) {
        acquire(key).ifPresent(wait -> {
            throw org.parley.web.ParleyException.rateLimited(wait);
        });
    }

    /** Refuses with 429 while {@code key} is over its limit, without counting an event (a check before a costly one). */
    public void refuseWhileBlocked(String key) {
        blocked(key).ifPresent(wait -> {
            throw org.parley.web.ParleyException.rateLimited(wait);
        });
    }

    /** Whether {@code key} is over its limit right now, without counting an event. */
    public Optional<Duration> blocked(String key) {
        Instant now = clock.instant();
        Window current = windows.get(key);
        if (current == null || !now.isBefore(current.start().plus(window)) || current.count() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }

    /**
     * Gives back one event counted by {@link #acquire} (an attempt that turned out right), so
     * callers can count every attempt first — parallel requests cannot all pass a check made
     * before any of them is counted — and keep only the wrong ones.
     */
    public void release(String key) {
        windows.computeIfPresent(key, (k, current) -> current.count() <= 1 ? null : new Window(current.start(), current.count() - 1));
    }

    public String name() {
        return name;
    }

    public void reset(String key) {
        windows.remove(key);
    }

    /**
     * Drops windows that have run out. Also done once per window length, not only when the table is
     * full: the keys are IP and email addresses, which should not stay in memory long after use.
     */
    private void sweep(Instant now) {
        nextSweep = now.plus(window);
        windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        if (windows.size() >= maxKeys) {
            windows.values().removeIf(w -> w.count() <= limit);
        }
        if (windows.size() >= maxKeys) {
            windows.clear();
        }
    }
}
