package org.parley.agent.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes the records of one frame into 0x10 v2 bodies: each body carries its own zlib stream (so
 * the relay may drop any droppable message), and a body is closed before its compressed size could
 * pass {@link TileFormat#MAX_BODY} or its inflated size {@link TileFormat#MAX_INFLATED}.
 *
 * <p>Each record is compressed with {@link Deflater#SYNC_FLUSH} straight after it is written: the
 * flush costs a few bytes a record, but it is the only way to know the compressed size exactly
 * while the stream is still open, and so to close a body on a record boundary without ever
 * re-compressing. A record is staged whole in {@link #record} first (at most 9 + 256·256·3 bytes).
 */
final class MessageWriter implements AutoCloseable {
    /** Room kept for what {@link Deflater#finish()} still writes after the last flush (final block, Adler-32). */
    private static final int FINISH_RESERVE = 32;

    private final Deflater deflater;
    private final byte[] body = new byte[TileFormat.MAX_BODY];
    private final List<byte[]> bodies = new ArrayList<>();
    private byte[] record = new byte[TileFormat.RECORD_HEADER_BYTES + TileFormat.MAX_TILE_PIXELS * 3 + 1024];
    private int length;
    private int compressed;
    private long inflated;
    private int records;
    private int width;
    private int height;
    private int frame;
    private boolean keyframe;

    MessageWriter(int level) {
        deflater = new Deflater(level);
    }

    void start(int width, int height, int frame, boolean keyframe) {
        this.width = width;
        this.height = height;
        this.frame = frame;
        this.keyframe = keyframe;
        bodies.clear();
        open();
    }

    /** Starts staging a record; write its payload with the put methods, then call {@link #end()}. */
    void begin(int x, int y, int w, int h, int encoding) {
        length = 0;
        putShort(x);
        putShort(y);
        putShort(w);
        putShort(h);
        put(encoding);
    }

    void put(int value) {
        record[length++] = (byte) value;
    }

    void putShort(int value) {
        record[length++] = (byte) (value >> 8);
        record[length++] = (byte) value;
    }

    void putInt(int value) {
        putShort(value >>> 16);
        putShort(value & 0xffff);
    }

    void putRgb(int rgb) {
        record[length++] = (byte) (rgb >> 16);
        record[length++] = (byte) (rgb >> 8);
        record[length++] = (byte) rgb;
    }

    /** The staging array, for payload writers that fill it in bulk; {@link #position()} is the next free byte. */
    byte[] staging(int room) {
        if (length + room > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, length + room));
        }
        return record;
    }

    int position() {
        return length;
    }

    void advance(int n) {
        length += n;
    }

    /** Compresses the staged record into the current body, first closing the body if the record might not fit. */
    void end() {
        if (records > 0 && (compressed + bound(length) + FINISH_RESERVE > body.length
                || inflated + length > TileFormat.MAX_INFLATED || records == TileFormat.MAX_RECORDS_PER_MESSAGE)) {
            close(false);
            open();
        }
        deflater.setInput(record, 0, length);
        while (true) {
            int room = body.length - compressed;
            int n = deflater.deflate(body, compressed, room, Deflater.SYNC_FLUSH);
            compressed += n;
            if (n < room && deflater.needsInput()) {
                break;
            }
            if (compressed == body.length) {
                throw new IllegalStateException("a " + length + "-byte record overflowed the body despite its bound");
            }
        }
        inflated += length;
        records++;
    }

    /** The bodies of this frame (none if no record was written); the last one has LAST_PART set. */
    List<byte[]> finish() {
        if (records > 0 || !bodies.isEmpty()) {
            close(true);
        }
        return List.copyOf(bodies);
    }

    /** Releases the native zlib state. */
    @Override
    public void close() {
        deflater.end();
    }

    /** An upper bound of deflate's output for {@code n} input bytes, stored blocks and the flush marker included. */
    private static int bound(int n) {
        return n + (n >> 11) + 64;
    }

    private void open() {
        deflater.reset();
        records = 0;
        inflated = 0;
        compressed = TileFormat.HEADER_BYTES;
        body[0] = (byte) (width >> 8);
        body[1] = (byte) width;
        body[2] = (byte) (height >> 8);
        body[3] = (byte) height;
        body[4] = (byte) (frame >>> 24);
        body[5] = (byte) (frame >> 16);
        body[6] = (byte) (frame >> 8);
        body[7] = (byte) frame;
    }

    private void close(boolean last) {
        deflater.finish();
        while (!deflater.finished()) {
            if (compressed == body.length) {
                throw new IllegalStateException("no room left to finish the zlib stream");
            }
            compressed += deflater.deflate(body, compressed, body.length - compressed);
        }
        body[8] = (byte) (TileFormat.FLAG_V2 | (keyframe ? TileFormat.FLAG_KEYFRAME : 0)
                | (last ? TileFormat.FLAG_LAST_PART : 0));
        body[9] = (byte) (records >> 8);
        body[10] = (byte) records;
        body[11] = (byte) (inflated >>> 24);
        body[12] = (byte) (inflated >> 16);
        body[13] = (byte) (inflated >> 8);
        body[14] = (byte) inflated;
        bodies.add(Arrays.copyOf(body, compressed));
    }
}
