package org.parley.agent.screen;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** An independent reading of a 0x10 body's header fields, straight from §9, for tests. */
record TileHeaders(int screenWidth, int screenHeight, long frame, int flags, List<Tile> tiles) {

    record Tile(Rectangle bounds, int encoding, int offset, int length) {
    }

    static TileHeaders read(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        int width = Short.toUnsignedInt(in.getShort());
        int height = Short.toUnsignedInt(in.getShort());
        long frame = Integer.toUnsignedLong(in.getInt());
        int flags = Byte.toUnsignedInt(in.get());
        int count = Short.toUnsignedInt(in.getShort());
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Rectangle bounds = new Rectangle(Short.toUnsignedInt(in.getShort()), Short.toUnsignedInt(in.getShort()),
                    Short.toUnsignedInt(in.getShort()), Short.toUnsignedInt(in.getShort()));
            int encoding = Byte.toUnsignedInt(in.get());
            int length = in.getInt();
            tiles.add(new Tile(bounds, encoding, in.position(), length));
            in.position(in.position() + length);
        }
        if (in.hasRemaining()) {
            throw new AssertionError(in.remaining() + " bytes after the last tile");
        }
        return new TileHeaders(width, height, frame, flags, tiles);
    }

    boolean keyframe() {
        return (flags & 1) != 0;
    }

    boolean lastPart() {
        return (flags & 2) != 0;
    }
}
