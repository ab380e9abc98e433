package org.parley.protocol.envelope;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes and decodes {@link Envelope}s, big-endian:
 *
 * <pre>
 * offset  size  field
 *  0      1     version          = 1
 *  1      1     message type     ({@link MessageType#code()})
 *  2      4     sender id        uint32
 *  6      4     recipient id     uint32, 0 = everyone
 * 10      4     payload length   uint32, at most the configured maximum
 * 14      n     payload
 * </pre>
 *
 * One WebSocket binary message holds exactly one envelope, so decoding rejects trailing bytes.
 * Decoding never copies the payload: it returns a read-only slice of the input. Instances are
 * immutable and thread-safe.
 */
public final class EnvelopeCodec {

    /** The only wire version this codec reads and writes. */
    public static final int VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 14;
    /** Default payload limit: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;

    private static final int TYPE_OFFSET = 1;
    private static final int RECIPIENT_OFFSET = 6;
    private static final int LENGTH_OFFSET = 10;

    private final int maxPayload;

    /** A codec with the {@link #DEFAULT_MAX_PAYLOAD default} payload limit. */
    public EnvelopeCodec() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    /** A codec that refuses payloads longer than {@code maxPayload} bytes. */
    public EnvelopeCodec(int maxPayload) {
        if (maxPayload < 0 || maxPayload > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPayload must be 0–" + (Integer.MAX_VALUE - HEADER_LENGTH)
                    + ", got " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** The largest payload, in bytes, this codec accepts. */
    public int maxPayload() {
        return maxPayload;
    }

    /**
     * Decodes the one envelope between the buffer's position and limit. The buffer's position,
     * limit and contents are left untouched; the returned payload is a read-only slice of it, valid
     * as long as the caller does not reuse the buffer.
     *
     * @throws MalformedEnvelopeException if the bytes are not exactly one well-formed envelope
     */
    public Envelope decode(ByteBuffer buffer) {
        // A duplicate is always big-endian, whatever order the caller set on its buffer.
        ByteBuffer message = buffer.order() == ByteOrder.BIG_ENDIAN ? buffer : buffer.duplicate();
        int start = message.position();
        int available = message.remaining();
        if (available < HEADER_LENGTH) {
            throw new MalformedEnvelopeException("truncated header: " + available + " of "
                    + HEADER_LENGTH + " bytes", available);
        }
        int version = Byte.toUnsignedInt(message.get(start));
        if (version != VERSION) {
            throw new MalformedEnvelopeException("unsupported version " + version + " (expected "
                    + VERSION + ")", 0);
        }
        int code = Byte.toUnsignedInt(message.get(start + TYPE_OFFSET));
        MessageType type = MessageType.of(code).orElseThrow(() -> new MalformedEnvelopeException(
                "unknown message type " + code, TYPE_OFFSET));
        int sender = message.getInt(start + 2);
        int recipient = message.getInt(start + RECIPIENT_OFFSET);
        if (type.needsRecipient() && recipient == Envelope.EVERYONE) {
            throw new MalformedEnvelopeException(type + " envelope addressed to everyone (recipient 0)",
                    RECIPIENT_OFFSET);
        }
        long length = Integer.toUnsignedLong(message.getInt(start + LENGTH_OFFSET));
        int limit = Math.min(maxPayload, type.maxPayload());
        if (length > limit) {
            throw new MalformedEnvelopeException("payload length " + length + " exceeds maximum "
                    + limit + (limit < maxPayload ? " for " + type : ""), LENGTH_OFFSET);
        }
        if (length < type.minPayload()) {
            throw new MalformedEnvelopeException(type + " payload of " + length + " bytes, needs at least "
                    + type.minPayload(), LENGTH_OFFSET);
        }
        int follows = available - HEADER_LENGTH;
        if (follows < length) {
            throw new MalformedEnvelopeException("truncated payload: " + follows + " of " + length
                    + " bytes", available);
        }
        if (follows > length) {
            throw new MalformedEnvelopeException((follows - length) + " trailing bytes after payload",
                    HEADER_LENGTH + (int) length);
        }
        ByteBuffer payload = message.slice(start + HEADER_LENGTH, (int) length);
        return new Envelope(type, sender, recipient, payload);
    }

    /** Bytes {@link #encode(Envelope, ByteBuffer)} writes for this envelope. */
    public int encodedLength(Envelope envelope) {
        return HEADER_LENGTH + envelope.payloadLength();
    }

    /**
     * Writes the envelope at the buffer's position and advances it. The envelope's payload buffer is
     * not moved.
     *
     * @throws IllegalArgumentException if the payload exceeds the maximum (the codec's, or the
     *     type's own) or the envelope breaks a format rule (a KEY or HANDSHAKE to everyone)
     * @throws java.nio.BufferOverflowException if {@code out} has less than
     *     {@link #encodedLength(Envelope)} bytes remaining
     */
    public void encode(Envelope envelope, ByteBuffer out) {
        int length = envelope.payloadLength();
        int limit = Math.min(maxPayload, envelope.type().maxPayload());
        if (length > limit) {
            throw new IllegalArgumentException("payload length " + length + " exceeds maximum " + limit
                    + (limit < maxPayload ? " for " + envelope.type() : ""));
        }
        if (envelope.type().needsRecipient() && envelope.recipient() == Envelope.EVERYONE) {
            throw new IllegalArgumentException("a " + envelope.type() + " envelope needs one recipient, got 0 (everyone)");
        }
        if (length < envelope.type().minPayload()) {
            throw new IllegalArgumentException("a " + envelope.type() + " payload needs at least "
                    + envelope.type().minPayload() + " bytes, got " + length);
        }
        if (out.remaining() < HEADER_LENGTH + length) {
            throw new BufferOverflowException(); // before writing anything: no half-written envelope
        }
        out.put((byte) VERSION).put((byte) envelope.type().code());
        putUint32(out, envelope.sender());
        putUint32(out, envelope.recipient());
        putUint32(out, length);
        out.put(envelope.payload().duplicate());
    }

    /** The envelope in a new heap buffer, flipped and ready to send. */
    public ByteBuffer encode(Envelope envelope) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(envelope));
        encode(envelope, out);
        return out.flip();
    }

    /** Big-endian whatever the order of {@code out}. */
    private static void putUint32(ByteBuffer out, int value) {
        out.put((byte) (value >>> 24)).put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
    }
}
