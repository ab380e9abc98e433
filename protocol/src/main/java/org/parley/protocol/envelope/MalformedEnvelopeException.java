package org.parley.protocol.envelope;

/**
 * An envelope that does not follow the wire format: truncated, too large, trailing bytes, an
 * unknown version or type. The message names what is wrong and the byte offset (relative to the
 * first byte of the envelope) where it was found, so a relay log line is enough to diagnose it.
 */
public final class MalformedEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    MalformedEnvelopeException(String problem, int offset) {
        super(problem + " at offset " + offset);
        this.offset = offset;
    }

    /** Byte offset, from the start of the envelope, where the problem was detected. */
    public int offset() {
        return offset;
    }
}
