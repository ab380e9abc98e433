package org.parley.agent.screen;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Hand-made 0x10 v2 bodies and records, straight from §9, for malformed cases the encoder never writes. */
final class Bodies {
    static final int KEY_LAST = 0b111;
    static final int LAST = 0b110;

    private Bodies() {
    }

    /** A body whose stream is the zlib of the concatenated records, with the true inflated length. */
    static byte[] body(int width, int height, long frame, int flags, int recordCount, byte[]... records) {
        byte[] raw = concat(records);
        return body(width, height, frame, flags, recordCount, raw.length, zlib(raw));
    }

    /** A body with every field as given, {@code stream} taken as is. */
    static byte[] body(int width, int height, long frame, int flags, int recordCount, long inflatedLength, byte[] stream) {
        return ByteBuffer.allocate(15 + stream.length).putShort((short) width).putShort((short) height)
                .putInt((int) frame).put((byte) flags).putShort((short) recordCount).putInt((int) inflatedLength)
                .put(stream).array();
    }

    static byte[] header(int x, int y, int w, int h, int encoding) {
        return ByteBuffer.allocate(9).putShort((short) x).putShort((short) y).putShort((short) w).putShort((short) h)
                .put((byte) encoding).array();
    }

    static byte[] raw(int x, int y, int w, int h, byte[] rgb) {
        return concat(header(x, y, w, h, 2), rgb);
    }

    static byte[] solid(int x, int y, int w, int h, int rgb) {
        return concat(header(x, y, w, h, 3), new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb});
    }

    /** A PALETTE record of {@code colours} with {@code indices} (one a pixel, row-major), packed as §9 says. */
    static byte[] palette(int x, int y, int w, int h, int[] colours, int[] indices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(x, y, w, h, 4));
        out.write(colours.length - 1);
        for (int c : colours) {
            out.write(c >> 16);
            out.write(c >> 8);
            out.write(c);
        }
        int n = colours.length;
        int bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
        for (int row = 0; row < h; row++) {
            byte[] packed = new byte[(w * bits + 7) / 8];
            for (int col = 0; col < w; col++) {
                int bit = col * bits;
                packed[bit / 8] |= (byte) (indices[row * w + col] << (8 - bits - bit % 8));
            }
            out.writeBytes(packed);
        }
        return out.toByteArray();
    }

    static byte[] copy(int x, int y, int w, int h, int srcX, int srcY) {
        return concat(header(x, y, w, h, 5), ByteBuffer.allocate(4).putShort((short) srcX).putShort((short) srcY).array());
    }

    static byte[] zlib(byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] out = new byte[raw.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
