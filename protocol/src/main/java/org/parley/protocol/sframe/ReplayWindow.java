package org.parley.protocol.sframe;

import org.parley.protocol.sframe.SFrameException.Reason;

/**
 * The counters one receiver has accepted for one KID (protocol README §3): a counter above the
 * highest seen is new; one of the {@value #SIZE} counters ending at the highest is accepted once;
 * anything older is refused. Counters are unsigned 64-bit values in a {@code long}.
 *
 * <p>Use it in two steps around the AEAD, so that forged frames cannot move the window:
 * {@link #check(long)} before decrypting (cheap refusal of replays) and {@link #accept(long)} only
 * once the tag has verified. Both are atomic; {@code accept} repeats the check, so two threads
 * racing with the same frame cannot both accept it. Thread-safe.
 */
public final class ReplayWindow {

    /** How many counters, ending at the highest accepted one, are remembered. */
    public static final int SIZE = 128;

    private boolean empty = true;
    private long highest;
    // Bit d of the 128-bit value (high:low) is set when counter (highest - d) was accepted.
    private long low;
    private long high;

    /**
     * Refuses a counter this window would not accept, without recording anything.
     *
     * @throws SFrameException {@link Reason#REPLAY} or {@link Reason#TOO_OLD}
     */
    public synchronized void check(long ctr) throws SFrameException {
        if (empty || Long.compareUnsigned(ctr, highest) > 0) {
            return;
        }
        long distance = highest - ctr;
        if (Long.compareUnsigned(distance, SIZE) >= 0) {
            throw new SFrameException(Reason.TOO_OLD, "counter " + Long.toUnsignedString(ctr)
                    + " is below the window ending at " + Long.toUnsignedString(highest));
        }
        if (isSet((int) distance)) {
            throw new SFrameException(Reason.REPLAY, "counter " + Long.toUnsignedString(ctr) + " already accepted");
        }
    }

    /**
     * Records a counter whose frame authenticated, refusing it if it was accepted meanwhile.
     *
     * @throws SFrameException {@link Reason#REPLAY} or {@link Reason#TOO_OLD}
     */
    public synchronized void accept(long ctr) throws SFrameException {
        check(ctr);
        if (empty) {
            empty = false;
            highest = ctr;
            low = 1;
            return;
        }
        if (Long.compareUnsigned(ctr, highest) > 0) {
            shiftBy(ctr - highest);
            highest = ctr;
            low |= 1;
        } else {
            set((int) (highest - ctr));
        }
    }

    /** The highest accepted counter, or -1 (2^64 - 1 unsigned) before any. */
    public synchronized long highest() {
        return empty ? -1 : highest;
    }

    private boolean isSet(int distance) {
        return distance < 64 ? (low >>> distance & 1) != 0 : (high >>> (distance - 64) & 1) != 0;
    }

    private void set(int distance) {
        if (distance < 64) {
            low |= 1L << distance;
        } else {
            high |= 1L << (distance - 64);
        }
    }

    /** Shifts the 128-bit map left: each remembered counter is now {@code by} further from the top. */
    private void shiftBy(long by) {
        if (Long.compareUnsigned(by, SIZE) >= 0) {
            high = 0;
            low = 0;
        } else if (by >= 64) {
            high = low << (by - 64);
            low = 0;
        } else {
            high = (high << by) | (low >>> (64 - by));
            low <<= by;
        }
    }
}
