package org.parley.agent.screen;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Decides when the next frame is a keyframe: periodically, so a viewer that missed a part recovers,
 * and when a viewer asks (0x13) — but requests are honoured at most once per {@code minimumGap},
 * so a viewer cannot make the presenter send nothing but keyframes. {@link #request()} may be
 * called from any thread; {@link #due()} from the capture loop.
 */
public final class KeyframeSchedule {
    private final long intervalNanos;
    private final long minimumGapNanos;
    private final LongSupplier clock;
    private final AtomicBoolean requested = new AtomicBoolean(true);
    private final AtomicBoolean forced = new AtomicBoolean();
    private long lastKeyframe;
    private boolean first = true;

    /** A schedule on {@link System#nanoTime()}. */
    public KeyframeSchedule(Duration interval, Duration minimumGap) {
        this(interval, minimumGap, System::nanoTime);
    }

    KeyframeSchedule(Duration interval, Duration minimumGap, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.minimumGapNanos = minimumGap.toNanos();
        this.clock = clock;
    }

    /** A viewer asked for a keyframe. */
    public void request() {
        requested.set(true);
    }

    /**
     * The presenter's own reason for a keyframe, not rate-limited: a new member got the key and has
     * seen nothing of the screen yet. Admissions are the keyholder's decisions, so a viewer cannot
     * trigger this at will as it can {@link #request()}.
     */
    public void force() {
        forced.set(true);
    }

    /** Whether the frame about to be encoded is a keyframe; if so, the schedule restarts from now. */
    public boolean due() {
        long now = clock.getAsLong();
        long since = now - lastKeyframe;
        boolean due = forced.getAndSet(false) || first || since >= intervalNanos || (since >= minimumGapNanos && requested.get());
        if (due) {
            first = false;
            lastKeyframe = now;
            requested.set(false);
        }
        return due;
    }
}
