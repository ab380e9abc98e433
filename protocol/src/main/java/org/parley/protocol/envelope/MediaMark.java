package org.parley.protocol.envelope;

/**
 * The clear mark byte that opens a {@link MessageType#MEDIA} payload (README §12, "Media flow
 * control"). It tells the relay only what it needs to drop well for a receiver that is behind:
 * whether decoding can start again here (a keyframe's first part, a video key chunk), and whether
 * the message may be dropped at all. It says nothing of the content. Unknown bits are reserved:
 * senders write 0, the relay and receivers ignore them. The mark is not authenticated; a relay that
 * flips it can only drop, which it can do anyway.
 */
public final class MediaMark {
    /** Bit 0: a refresh point; everything after it decodes from it. */
    public static final int REFRESH_POINT = 1;
    /** Bit 1: may be dropped for a receiver that is behind (a delta, a non-key chunk). */
    public static final int DROPPABLE = 2;
    /**
     * Bit 2, only with {@link #DROPPABLE}: nothing later depends on it (a video chunk of a temporal
     * enhancement layer), so the relay drops it for a receiver that is even a little behind, and
     * without opening a gap: the receiver goes on with the base layer and asks for nothing.
     */
    public static final int DISCARDABLE = 4;

    private MediaMark() {
    }

    /** Whether {@code mark} says refresh point. */
    public static boolean refreshPoint(int mark) {
        return (mark & REFRESH_POINT) != 0;
    }

    /** Whether {@code mark} says droppable. */
    public static boolean droppable(int mark) {
        return (mark & DROPPABLE) != 0;
    }

    /** Whether {@code mark} says discardable (droppable, and nothing depends on it). */
    public static boolean discardable(int mark) {
        return (mark & (DROPPABLE | DISCARDABLE)) == (DROPPABLE | DISCARDABLE);
    }
}
