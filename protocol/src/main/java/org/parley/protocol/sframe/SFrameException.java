package org.parley.protocol.sframe;

/**
 * A frame the receiver refuses. It is checked so that a receive loop must handle it, and it carries
 * no stack trace: refusals are attacker-driven and frequent, and the {@link Reason} says all there is.
 */
public final class SFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a frame was refused. */
    public enum Reason {
        /** Fewer bytes than the header announces. */
        TRUNCATED_HEADER,
        /** A KID or CTR not in its shortest encoding (RFC 9605 §4.3). */
        MALFORMED_HEADER,
        /** Fewer bytes after the header than the authentication tag. */
        TRUNCATED_CIPHERTEXT,
        /** No key for the frame's epoch (never had it, or already dropped it). */
        UNKNOWN_EPOCH,
        /** The KID names a different sender than the envelope that carried the frame. */
        SENDER_MISMATCH,
        /** A counter already accepted for this KID. */
        REPLAY,
        /** A counter below the replay window of this KID. */
        TOO_OLD,
        /** The AEAD tag does not verify: wrong key, or the frame was altered. */
        BAD_TAG
    }

    private final Reason reason;

    /** A refusal for {@code reason}; {@code detail} adds what a log line needs (never key material). */
    public SFrameException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    /** Why the frame was refused. */
    public Reason reason() {
        return reason;
    }
}
