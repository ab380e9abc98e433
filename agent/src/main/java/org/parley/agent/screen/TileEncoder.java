package org.parley.agent.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Turns successive frames into 0x10 message bodies (protocol README §9): the 64×64 tiles that
 * changed since the previous frame, each as zlib-compressed RGB, split into bodies of at most
 * {@link TileFormat#MAX_BODY} bytes on tile boundaries. Not thread-safe: one per capture loop.
 *
 * <p>Change detection compares whole screen rows with the previous frame using
 * {@link Arrays#mismatch(int[], int, int, int[], int, int)} (a vectorised intrinsic), jumping to the
 * next tile after each difference. Measured on an unchanged 1920×1080 frame
 * ({@code ChangeDetectionMeasurement}, 2 busy cores): 0.3–0.45 ms, against 1.2–2.1 ms comparing
 * 64-pixel tile rows and 1.5–1.7 ms hashing each tile. The copy of the previous frame is updated
 * one changed tile at a time, so an unchanged screen costs one pass and no copy.
 */
public final class TileEncoder implements AutoCloseable {
    /**
     * zlib level 1. Measured with {@code capture-test} on a 1920×1080 editor full of source text
     * (2 loaded cores): keyframes 165–183 KB in 17–36 ms at level 1, 148–172 KB in 31–42 ms at
     * level 3, 130–144 KB in 42–120 ms at level 6; a scroll step 140 KB in 14 ms at level 1,
     * 119 KB in 28 ms at level 6. Level 1 sends 15–25% more for half the presenter's CPU or less.
     */
    public static final int DEFAULT_LEVEL = 1;

    private final Deflater deflater;
    private final byte[] rgb = new byte[TileFormat.TILE_SIDE * TileFormat.TILE_SIDE * 3];
    private byte[] compressed = new byte[rgb.length + 1024];
    private final MessageWriter writer = new MessageWriter();
    private int[] previous = new int[0];
    private boolean[] dirty = new boolean[0];
    private int columns;
    private int width;
    private int height;
    private long frameNumber;

    /** An encoder at {@link #DEFAULT_LEVEL}. */
    public TileEncoder() {
        this(DEFAULT_LEVEL);
    }

    /** An encoder at zlib level {@code level} (1–9). */
    public TileEncoder(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("zlib level must be 1–9, got " + level);
        }
        this.deflater = new Deflater(level);
    }

    /**
     * The bodies for this frame: every tile if {@code keyframe} (or the screen size changed, or this
     * is the first frame), otherwise only the changed tiles; no body at all when nothing changed.
     */
    public List<byte[]> encode(Frame frame, boolean keyframe) {
        boolean key = keyframe || frame.width() != width || frame.height() != height;
        if (key && previous.length != frame.pixels().length) {
            previous = new int[frame.pixels().length];
        }
        width = frame.width();
        height = frame.height();
        int[] pixels = frame.pixels();
        if (!key) {
            findChanges(pixels);
        }
        writer.start(width, height, (int) frameNumber, key);
        int side = TileFormat.TILE_SIDE;
        for (int y = 0; y < height; y += side) {
            int h = Math.min(side, height - y);
            for (int x = 0; x < width; x += side) {
                int w = Math.min(side, width - x);
                if (key || dirty[y / side * columns + x / side]) {
                    int length = compress(pixels, x, y, w, h);
                    writer.tile(x, y, w, h, compressed, length);
                    remember(pixels, x, y, w, h);
                }
            }
        }
        List<byte[]> bodies = writer.finish();
        if (!bodies.isEmpty()) {
            frameNumber = (frameNumber + 1) & 0xffffffffL;
        }
        return bodies;
    }

    /** Marks in {@link #dirty} every tile where {@code pixels} differs from {@link #previous}. */
    private void findChanges(int[] pixels) {
        int side = TileFormat.TILE_SIDE;
        columns = (width + side - 1) / side;
        int tiles = columns * ((height + side - 1) / side);
        if (dirty.length != tiles) {
            dirty = new boolean[tiles];
        }
        Arrays.fill(dirty, false);
        for (int row = 0; row < height; row++) {
            int start = row * width;
            int x = 0;
            while (x < width) {
                int at = Arrays.mismatch(pixels, start + x, start + width, previous, start + x, start + width);
                if (at < 0) {
                    break;
                }
                int column = (x + at) / side;
                dirty[row / side * columns + column] = true;
                x = (column + 1) * side;
            }
        }
    }

    private void remember(int[] pixels, int x, int y, int w, int h) {
        for (int row = y; row < y + h; row++) {
            int from = row * width + x;
            System.arraycopy(pixels, from, previous, from, w);
        }
    }

    /** Compresses the tile's RGB bytes into {@link #compressed}; returns the length. */
    private int compress(int[] pixels, int x, int y, int w, int h) {
        int n = 0;
        for (int row = y; row < y + h; row++) {
            int from = row * width + x;
            for (int i = from; i < from + w; i++) {
                int p = pixels[i];
                rgb[n] = (byte) (p >> 16);
                rgb[n + 1] = (byte) (p >> 8);
                rgb[n + 2] = (byte) p;
                n += 3;
            }
        }
        deflater.reset();
        deflater.setInput(rgb, 0, n);
        deflater.finish();
        int length = 0;
        while (!deflater.finished()) {
            if (length == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            length += deflater.deflate(compressed, length, compressed.length - length);
        }
        return length;
    }

    /** Releases the native zlib state. */
    @Override
    public void close() {
        deflater.end();
    }

    /** Collects tiles into bodies of at most {@link TileFormat#MAX_BODY} bytes. */
    private static final class MessageWriter {
        private final byte[] buffer = new byte[TileFormat.MAX_BODY];
        private final List<byte[]> bodies = new ArrayList<>();
        private int position;
        private int tiles;
        private int width;
        private int height;
        private int frame;
        private boolean keyframe;

        void start(int width, int height, int frame, boolean keyframe) {
            this.width = width;
            this.height = height;
            this.frame = frame;
            this.keyframe = keyframe;
            bodies.clear();
            open();
        }

        void tile(int x, int y, int w, int h, byte[] data, int length) {
            int size = TileFormat.TILE_HEADER_BYTES + length;
            if (tiles > 0 && (position + size > buffer.length || tiles == TileFormat.MAX_TILES_PER_MESSAGE)) {
                close(false);
                open();
            }
            putShort(x);
            putShort(y);
            putShort(w);
            putShort(h);
            buffer[position++] = TileFormat.ENCODING_ZLIB_RGB;
            putInt(length);
            System.arraycopy(data, 0, buffer, position, length);
            position += length;
            tiles++;
        }

        List<byte[]> finish() {
            if (tiles > 0 || !bodies.isEmpty()) {
                close(true);
            }
            return List.copyOf(bodies);
        }

        private void open() {
            position = 0;
            tiles = 0;
            putShort(width);
            putShort(height);
            putInt(frame);
            position += 3; // flags and tile count, written by close
        }

        private void close(boolean last) {
            buffer[8] = (byte) ((keyframe ? TileFormat.FLAG_KEYFRAME : 0) | (last ? TileFormat.FLAG_LAST_PART : 0));
            buffer[9] = (byte) (tiles >> 8);
            buffer[10] = (byte) tiles;
            bodies.add(Arrays.copyOf(buffer, position));
        }

        private void putShort(int value) {
            buffer[position++] = (byte) (value >> 8);
            buffer[position++] = (byte) value;
        }

        private void putInt(int value) {
            putShort(value >>> 16);
            putShort(value & 0xffff);
        }
    }
}
