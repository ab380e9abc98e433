package org.parley.protocol.envelope;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One session message as the relay sees it: routing fields in the clear, an opaque payload.
 *
 * <p>Sender and recipient ids are session-local unsigned 32-bit numbers held in an {@code int}
 * (use {@link Integer#toUnsignedString(int)} to print them). Sender 0 is the server itself;
 * recipient 0 ({@link #EVERYONE}) means every participant. The payload is a read-only view —
 * after decoding, a slice of the received buffer, never a copy — so one buffer can be shared
 * with every recipient of a fan-out.
 *
 * @param type what the payload is
 * @param sender session-local id of the sender (0 = server)
 * @param recipient session-local id of the recipient, or {@link #EVERYONE}
 * @param payload the bytes between position and limit; stored as a read-only view
 */
public record Envelope(MessageType type, int sender, int recipient, ByteBuffer payload) {

    /** Recipient id meaning "every participant of the session". */
    public static final int EVERYONE = 0;

    /** Rejects null fields; wraps the payload in a read-only view (no copy). */
    public Envelope {
        Objects.requireNonNull(type, "type");
        payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
    }

    /** An envelope whose payload wraps {@code payload} (no copy; do not modify it afterwards). */
    public static Envelope of(MessageType type, int sender, int recipient, byte[] payload) {
        return new Envelope(type, sender, recipient, ByteBuffer.wrap(payload));
    }

    /** Payload length in bytes. */
    public int payloadLength() {
        return payload.remaining();
    }

    /** The payload as a new array, for the (cold) paths that need one. */
    public byte[] payloadBytes() {
        byte[] copy = new byte[payload.remaining()];
        payload.duplicate().get(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "Envelope[" + type + " from " + Integer.toUnsignedString(sender)
                + " to " + Integer.toUnsignedString(recipient) + ", " + payload.remaining() + " bytes]";
    }
}
