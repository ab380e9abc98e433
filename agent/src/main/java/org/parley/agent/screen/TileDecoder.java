package org.parley.agent.screen;

import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Applies 0x10 message bodies (protocol README §9) to a frame buffer, as a viewer does. A body from
 * a peer is untrusted: every header field is checked before any pixel is written, the screen size
 * is bounded, and a tile must inflate to exactly {@code w × h × 3} bytes (no zip bomb, no trailing
 * data). After a malformed body the buffer may be half-updated, so only a keyframe is accepted next.
 * Not thread-safe.
 */
public final class TileDecoder implements AutoCloseable {
    private final Inflater inflater = new Inflater();
    private byte[] rgb = new byte[TileFormat.TILE_SIDE * TileFormat.TILE_SIDE * 3];
    private int[] pixels;
    private int width;
    private int height;
    private boolean needsKeyframe = true;

    /** What one applied body was. */
    public record Applied(long frame, boolean keyframe, boolean lastPart, int tiles) {
    }

    /**
     * Applies one body.
     *
     * @throws MalformedTilesException if the body breaks the format
     * @throws KeyframeNeededException if it is a change frame we cannot apply (ask for a keyframe)
     */
    public Applied apply(byte[] body) throws MalformedTilesException, KeyframeNeededException {
        Reader in = new Reader(body);
        int screenWidth = in.u16();
        int screenHeight = in.u16();
        long frame = in.u32();
        int flags = in.u8();
        int tileCount = in.u16();
        boolean keyframe = (flags & TileFormat.FLAG_KEYFRAME) != 0;
        if (screenWidth == 0 || screenHeight == 0 || screenWidth > TileFormat.MAX_SIDE
                || screenHeight > TileFormat.MAX_SIDE || (long) screenWidth * screenHeight > TileFormat.MAX_PIXELS) {
            throw new MalformedTilesException("screen size out of range: " + screenWidth + "×" + screenHeight);
        }
        validateTiles(body, screenWidth, screenHeight, tileCount);
        if (!keyframe && (needsKeyframe || screenWidth != width || screenHeight != height)) {
            throw new KeyframeNeededException(needsKeyframe ? "no keyframe since the start or the last error"
                    : "screen size changed from " + width + "×" + height + " to " + screenWidth + "×" + screenHeight);
        }
        if (keyframe && (pixels == null || screenWidth != width || screenHeight != height)) {
            pixels = new int[screenWidth * screenHeight];
            width = screenWidth;
            height = screenHeight;
        }
        needsKeyframe = true;
        for (int i = 0; i < tileCount; i++) {
            paint(in);
        }
        needsKeyframe = false;
        return new Applied(frame, keyframe, (flags & TileFormat.FLAG_LAST_PART) != 0, tileCount);
    }

    /** A copy of the frame buffer, once a keyframe has arrived. */
    public Optional<Frame> snapshot() {
        return pixels == null ? Optional.empty() : Optional.of(new Frame(width, height, pixels.clone()));
    }

    /** Releases the native zlib state. */
    @Override
    public void close() {
        inflater.end();
    }

    private static void validateTiles(byte[] body, int screenWidth, int screenHeight, int tileCount)
            throws MalformedTilesException {
        Reader in = new Reader(body);
        in.skip(TileFormat.HEADER_BYTES);
        for (int i = 0; i < tileCount; i++) {
            int x = in.u16();
            int y = in.u16();
            int w = in.u16();
            int h = in.u16();
            int encoding = in.u8();
            long length = in.u32();
            if (w == 0 || h == 0 || x + w > screenWidth || y + h > screenHeight) {
                throw new MalformedTilesException("tile " + i + " (" + x + "," + y + " " + w + "×" + h
                        + ") is outside the " + screenWidth + "×" + screenHeight + " screen");
            }
            if (encoding != TileFormat.ENCODING_ZLIB_RGB) {
                throw new MalformedTilesException("tile " + i + ": unknown encoding " + encoding);
            }
            if (length > in.remaining()) {
                throw new MalformedTilesException("tile " + i + ": length " + length + " exceeds the "
                        + in.remaining() + " bytes left");
            }
            in.skip((int) length);
        }
        if (in.remaining() != 0) {
            throw new MalformedTilesException(in.remaining() + " bytes after the last of " + tileCount + " tiles");
        }
    }

    private void paint(Reader in) throws MalformedTilesException {
        int x = in.u16();
        int y = in.u16();
        int w = in.u16();
        int h = in.u16();
        in.u8();
        int length = (int) in.u32();
        int expected = w * h * 3;
        inflate(in.body, in.position, length, expected);
        in.skip(length);
        int n = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * width + x;
            for (int i = at; i < at + w; i++) {
                pixels[i] = (rgb[n] & 0xff) << 16 | (rgb[n + 1] & 0xff) << 8 | (rgb[n + 2] & 0xff);
                n += 3;
            }
        }
    }

    private void inflate(byte[] body, int offset, int length, int expected) throws MalformedTilesException {
        if (rgb.length < expected) {
            rgb = new byte[expected];
        }
        inflater.reset();
        inflater.setInput(body, offset, length);
        int got = 0;
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(rgb, got, expected - got);
                got += n;
                if (n == 0 && (got == expected || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new MalformedTilesException("tile data is not zlib: " + e.getMessage());
        }
        if (!inflater.finished() || got != expected || inflater.getRemaining() != 0) {
            throw new MalformedTilesException("tile data must inflate to exactly " + expected + " bytes");
        }
    }

    /** Big-endian reads that fail with a checked exception, never an unchecked one. */
    private static final class Reader {
        final byte[] body;
        int position;

        Reader(byte[] body) {
            this.body = body;
        }

        int remaining() {
            return body.length - position;
        }

        void skip(int n) throws MalformedTilesException {
            need(n);
            position += n;
        }

        int u8() throws MalformedTilesException {
            need(1);
            return body[position++] & 0xff;
        }

        int u16() throws MalformedTilesException {
            return u8() << 8 | u8();
        }

        long u32() throws MalformedTilesException {
            return (long) u16() << 16 | u16();
        }

        private void need(int n) throws MalformedTilesException {
            if (n > remaining()) {
                throw new MalformedTilesException("truncated at byte " + position + " of " + body.length);
            }
        }
    }
}
