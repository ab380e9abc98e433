package org.parley.protocol.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds the byte strings the spec writes as {@code "text" || u64(x) || …}: big-endian, no framing. */
final class Encoding {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(96);

    private Encoding() {
    }

    /** Starts a string with the UTF-8 bytes of {@code label}. */
    static Encoding of(String label) {
        return new Encoding().bytes(label.getBytes(StandardCharsets.UTF_8));
    }

    Encoding bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    Encoding u16(int value) {
        return fixed(value, 2);
    }

    Encoding u64(long value) {
        return fixed(value, 8);
    }

    /** A UUID as its 16 bytes, most significant first (the RFC 4122 byte order). */
    Encoding uuid(UUID value) {
        return fixed(value.getMostSignificantBits(), 8).fixed(value.getLeastSignificantBits(), 8);
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Encoding fixed(long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }
}
