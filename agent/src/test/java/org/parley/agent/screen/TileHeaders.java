package org.parley.agent.screen;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** An independent reading of a 0x10 v2 body's header and records, straight from §9, for tests. */
record TileHeaders(int screenWidth, int screenHeight, long frame, int flags, long inflatedLength, byte[] inflated,
        List<Tile> tiles) {

    /** A record: its rectangle, encoding, and where its payload starts in {@link #inflated}. */
    record Tile(Rectangle bounds, int encoding, int offset) {
    }

    static TileHeaders read(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        int width = Short.toUnsignedInt(in.getShort());
        int height = Short.toUnsignedInt(in.getShort());
        long frame = Integer.toUnsignedLong(in.getInt());
        int flags = Byte.toUnsignedInt(in.get());
        int count = Short.toUnsignedInt(in.getShort());
        long inflatedLength = Integer.toUnsignedLong(in.getInt());
        byte[] inflated = inflate(body, 15);
        if (inflated.length != inflatedLength) {
            throw new AssertionError("inflated " + inflated.length + " bytes, declared " + inflatedLength);
        }
        ByteBuffer records = ByteBuffer.wrap(inflated);
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Rectangle bounds = new Rectangle(Short.toUnsignedInt(records.getShort()), Short.toUnsignedInt(records.getShort()),
                    Short.toUnsignedInt(records.getShort()), Short.toUnsignedInt(records.getShort()));
            int encoding = Byte.toUnsignedInt(records.get());
            tiles.add(new Tile(bounds, encoding, records.position()));
            int area = bounds.width * bounds.height;
            int skip = switch (encoding) {
                case 2 -> area * 3;
                case 3 -> 3;
                case 4 -> {
                    int n = Byte.toUnsignedInt(records.get(records.position())) + 1;
                    int bits = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
                    yield 1 + 3 * n + (bounds.width * bits + 7) / 8 * bounds.height;
                }
                case 5 -> 4;
                case 6 -> 4 + records.getInt(records.position());
                default -> throw new AssertionError("encoding " + encoding);
            };
            records.position(records.position() + skip);
        }
        if (records.hasRemaining()) {
            throw new AssertionError(records.remaining() + " bytes after the last record");
        }
        return new TileHeaders(width, height, frame, flags, inflatedLength, inflated, tiles);
    }

    static byte[] inflate(byte[] body, int offset) {
        Inflater inflater = new Inflater();
        inflater.setInput(body, offset, body.length - offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new AssertionError("truncated zlib stream");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    boolean keyframe() {
        return (flags & 1) != 0;
    }

    boolean lastPart() {
        return (flags & 2) != 0;
    }
}
