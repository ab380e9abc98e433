package org.parley.protocol.sframe;

import org.parley.protocol.sframe.SFrameException.Reason;

/**
 * The SFrame header (RFC 9605 §4.3): a config byte {@code X|KKK|Y|CCC}, then the KID and the CTR
 * in big-endian. A value below 8 sits in its 3-bit field; a larger one follows the config byte in
 * its shortest form, the field holding its length minus one.
 *
 * <p>Both values are unsigned 64-bit integers held in a {@code long} (compare them with
 * {@link Long#compareUnsigned}). Decoding is strict: a value not in its shortest form is refused,
 * so each (KID, CTR) has exactly one header.
 *
 * @param kid key identifier, unsigned
 * @param ctr frame counter, unsigned
 */
public record SFrameHeader(long kid, long ctr) {

    /** The longest header: config byte plus two 8-byte values. */
    public static final int MAX_LENGTH = 17;

    private static final int EXTENDED = 0x08;
    private static final int FIELD = 0x07;

    /** Bytes this header takes on the wire, 1–17. */
    public int encodedLength() {
        return 1 + extraBytes(kid) + extraBytes(ctr);
    }

    /** Writes the header at {@code offset} and returns the number of bytes written. */
    public int encodeInto(byte[] out, int offset) {
        int kidBytes = extraBytes(kid);
        int ctrBytes = extraBytes(ctr);
        out[offset] = (byte) ((field(kid, kidBytes) << 4) | field(ctr, ctrBytes));
        putBigEndian(out, offset + 1, kid, kidBytes);
        putBigEndian(out, offset + 1 + kidBytes, ctr, ctrBytes);
        return 1 + kidBytes + ctrBytes;
    }

    /** The header as a new array. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        encodeInto(out, 0);
        return out;
    }

    /**
     * Reads the header at the start of {@code frame[offset, offset + length)}.
     *
     * @throws SFrameException {@link Reason#TRUNCATED_HEADER} if the bytes end early,
     *     {@link Reason#MALFORMED_HEADER} if a value is not in its shortest form
     */
    public static SFrameHeader decode(byte[] frame, int offset, int length) throws SFrameException {
        if (length < 1) {
            throw new SFrameException(Reason.TRUNCATED_HEADER, "empty frame");
        }
        int config = frame[offset] & 0xff;
        int kidField = config >>> 4;
        int ctrField = config & 0x0f;
        int kidBytes = (kidField & EXTENDED) == 0 ? 0 : (kidField & FIELD) + 1;
        int ctrBytes = (ctrField & EXTENDED) == 0 ? 0 : (ctrField & FIELD) + 1;
        int headerLength = 1 + kidBytes + ctrBytes;
        if (length < headerLength) {
            throw new SFrameException(Reason.TRUNCATED_HEADER,
                    "header needs " + headerLength + " bytes, frame has " + length);
        }
        long kid = kidBytes == 0 ? kidField : getBigEndian(frame, offset + 1, kidBytes);
        long ctr = ctrBytes == 0 ? ctrField : getBigEndian(frame, offset + 1 + kidBytes, ctrBytes);
        SFrameHeader header = new SFrameHeader(kid, ctr);
        if (header.encodedLength() != headerLength) {
            throw new SFrameException(Reason.MALFORMED_HEADER,
                    "KID or CTR not in shortest form (config 0x" + Integer.toHexString(config) + ")");
        }
        return header;
    }

    @Override
    public String toString() {
        return "SFrameHeader[kid=" + Long.toUnsignedString(kid) + ", ctr=" + Long.toUnsignedString(ctr) + "]";
    }

    /** Bytes after the config byte for this value: 0 when it fits the 3-bit field. */
    private static int extraBytes(long value) {
        return Long.compareUnsigned(value, 8) < 0 ? 0 : (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    private static int field(long value, int extraBytes) {
        return extraBytes == 0 ? (int) value : EXTENDED | (extraBytes - 1);
    }

    private static void putBigEndian(byte[] out, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[offset + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }

    private static long getBigEndian(byte[] in, int offset, int bytes) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (in[offset + i] & 0xff);
        }
        return value;
    }
}
