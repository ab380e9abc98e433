package org.parley.protocol.envelope;

/**
 * The clear mark byte that opens a {@link MessageType#MEDIA} payload (README §12, "Media flow
 * control"). It tells the relay only what it needs to drop well for a receiver that is behind:
 * whether decoding can start again here (a keyframe's first part, a video key chunk), whether the
 * message may be dropped at all, whether it is a voice frame, and which of the sender's independent
 * streams it belongs to. It says nothing of the content. Unknown bits are reserved: senders write 0,
 * the relay and receivers ignore them. The mark is not authenticated; a relay that flips it can only
 * drop, which it can do anyway.
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
    /**
     * Bit 3: a voice frame (README §9a, 0x20). It depends on nothing and nothing depends on it; the
     * relay sends it ahead of other media waiting for a receiver, within a per-sender allowance.
     */
    public static final int AUDIO = 8;
    /** Stream (bits 4–5) of a screen (README §9): 0x10 tiles, 0x14 video chunks. */
    public static final int STREAM_SCREEN = 0;
    /** Stream of a camera's low layer (README §9a, 0x21 layer 0). */
    public static final int STREAM_CAMERA_LOW = 1;
    /** Stream of a camera's high layer (README §9a, 0x21 layer 1): the first a slow receiver loses. */
    public static final int STREAM_CAMERA_HIGH = 2;
    private static final int STREAM_SHIFT = 4;

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

    /** Whether {@code mark} says audio (a voice frame). */
    public static boolean audio(int mark) {
        return (mark & AUDIO) != 0;
    }

    /** The stream {@code mark} names, 0–3 (3 is reserved); a sender's streams have independent gaps. */
    public static int stream(int mark) {
        return (mark >> STREAM_SHIFT) & 3;
    }

    /** {@code flags} (bits 0–3) for stream {@code stream}: the mark a sender writes. */
    public static int of(int stream, int flags) {
        if (stream < 0 || stream > 3 || (flags & ~0xf) != 0) {
            throw new IllegalArgumentException("a mark has a stream 0–3 and flags 0–15, got " + stream + " and " + flags);
        }
        return stream << STREAM_SHIFT | flags;
    }
}
