package org.parley.agent.screen;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Applies 0x10 v2 message bodies (protocol README §9) to a frame buffer, as a viewer does. A body
 * from a peer is untrusted: the header is checked before anything is allocated, the zlib stream
 * must inflate to exactly the declared length (at most {@link TileFormat#MAX_INFLATED}; inflating
 * stops as soon as more would come), and every record is checked (rectangle and COPY source inside
 * the screen, payload lengths, palette indices, nothing left over) before any pixel is written.
 * After a malformed body (whose changes are then missing) only a keyframe is accepted next. Not thread-safe.
 */
public final class TileDecoder implements AutoCloseable {
    private final Inflater inflater = new Inflater();
    private final byte[] overflow = new byte[1];
    private byte[] records = new byte[64 * 1024];
    private int[] pixels;
    private int width;
    private int height;
    private boolean needsKeyframe = true;

    /** What one applied body was; {@code tiles} counts its records. */
    public record Applied(long frame, boolean keyframe, boolean lastPart, int tiles) {
    }

    /**
     * Applies one body.
     *
     * @throws MalformedTilesException if the body breaks the format
     * @throws KeyframeNeededException if it is a change frame we cannot apply (ask for a keyframe)
     */
    public Applied apply(byte[] body) throws MalformedTilesException, KeyframeNeededException {
        try {
            return applyChecked(body);
        } catch (MalformedTilesException e) {
            // what the body would have changed is missing, so later change frames would paint on a wrong picture
            needsKeyframe = true;
            throw e;
        }
    }

    private Applied applyChecked(byte[] body) throws MalformedTilesException, KeyframeNeededException {
        Reader header = new Reader(body, body.length);
        int screenWidth = header.u16();
        int screenHeight = header.u16();
        long frame = header.u32();
        int flags = header.u8();
        int recordCount = header.u16();
        long inflatedLength = header.u32();
        if (screenWidth == 0 || screenHeight == 0 || screenWidth > TileFormat.MAX_SIDE
                || screenHeight > TileFormat.MAX_SIDE || (long) screenWidth * screenHeight > TileFormat.MAX_PIXELS) {
            throw new MalformedTilesException("screen size out of range: " + screenWidth + "×" + screenHeight);
        }
        if ((flags & TileFormat.FLAG_V2) == 0) {
            throw new MalformedTilesException("not a v2 body (flag bit 2 unset)");
        }
        if ((flags & ~(TileFormat.FLAG_KEYFRAME | TileFormat.FLAG_LAST_PART | TileFormat.FLAG_V2)) != 0) {
            throw new MalformedTilesException("unknown flag bits " + Integer.toBinaryString(flags));
        }
        if (inflatedLength > TileFormat.MAX_INFLATED) {
            throw new MalformedTilesException("inflatedLength " + inflatedLength + " exceeds " + TileFormat.MAX_INFLATED);
        }
        int length = (int) inflatedLength;
        inflate(body, TileFormat.HEADER_BYTES, length);
        validate(new Reader(records, length), screenWidth, screenHeight, recordCount);
        boolean keyframe = (flags & TileFormat.FLAG_KEYFRAME) != 0;
        if (!keyframe && (needsKeyframe || screenWidth != width || screenHeight != height)) {
            throw new KeyframeNeededException(needsKeyframe ? "no keyframe since the start or the last error"
                    : "screen size changed from " + width + "×" + height + " to " + screenWidth + "×" + screenHeight);
        }
        if (keyframe && (pixels == null || screenWidth != width || screenHeight != height)) {
            pixels = new int[screenWidth * screenHeight];
            width = screenWidth;
            height = screenHeight;
        }
        Reader in = new Reader(records, length);
        for (int i = 0; i < recordCount; i++) {
            paint(in);
        }
        needsKeyframe = false;
        return new Applied(frame, keyframe, (flags & TileFormat.FLAG_LAST_PART) != 0, recordCount);
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

    /** Inflates the rest of the body into {@link #records}: exactly {@code expected} bytes, then the stream's end. */
    private void inflate(byte[] body, int offset, int expected) throws MalformedTilesException {
        if (records.length < expected) {
            records = new byte[expected];
        }
        inflater.reset();
        inflater.setInput(body, offset, body.length - offset);
        int got = 0;
        try {
            while (got < expected) {
                int n = inflater.inflate(records, got, expected - got);
                got += n;
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (got < expected) {
                throw new MalformedTilesException(inflater.finished()
                        ? "the zlib stream inflates to " + got + " bytes, fewer than the declared " + expected
                        : "the zlib stream ends early, after " + got + " of " + expected + " bytes");
            }
            // reach the stream's end without accepting a single byte more than declared
            for (int tries = 0; !inflater.finished() && tries < 4; tries++) {
                if (inflater.inflate(overflow, 0, 1) > 0) {
                    throw new MalformedTilesException("the zlib stream inflates to more than the declared " + expected);
                }
                if (inflater.needsInput() || inflater.needsDictionary()) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new MalformedTilesException("not a zlib stream: " + e.getMessage());
        }
        if (!inflater.finished()) {
            throw new MalformedTilesException("the zlib stream is truncated");
        }
        if (inflater.getRemaining() != 0) {
            throw new MalformedTilesException(inflater.getRemaining() + " bytes after the zlib stream");
        }
    }

    /** Checks every record without writing a pixel. */
    private static void validate(Reader in, int screenWidth, int screenHeight, int recordCount)
            throws MalformedTilesException {
        for (int i = 0; i < recordCount; i++) {
            int x = in.u16();
            int y = in.u16();
            int w = in.u16();
            int h = in.u16();
            int encoding = in.u8();
            if (w == 0 || h == 0 || x + w > screenWidth || y + h > screenHeight) {
                throw new MalformedTilesException("record " + i + " (" + x + "," + y + " " + w + "×" + h
                        + ") is outside the " + screenWidth + "×" + screenHeight + " screen");
            }
            int area = w * h;
            switch (encoding) {
                case TileFormat.ENCODING_RAW -> {
                    limitArea(i, area);
                    in.skip(area * 3);
                }
                case TileFormat.ENCODING_SOLID -> in.skip(3);
                case TileFormat.ENCODING_PALETTE -> {
                    limitArea(i, area);
                    int n = in.u8() + 1;
                    if (n < 2) {
                        throw new MalformedTilesException("record " + i + ": a palette needs 2–256 colours, got 1");
                    }
                    in.skip(n * 3);
                    int bits = Palette.bits(n);
                    int rowBytes = (w * bits + 7) / 8;
                    in.need(rowBytes * h);
                    checkIndices(i, in.bytes, in.position, w, h, bits, rowBytes, n);
                    in.skip(rowBytes * h);
                }
                case TileFormat.ENCODING_COPY -> {
                    int srcX = in.u16();
                    int srcY = in.u16();
                    if (srcX + w > screenWidth || srcY + h > screenHeight) {
                        throw new MalformedTilesException("record " + i + ": COPY source (" + srcX + "," + srcY + " "
                                + w + "×" + h + ") is outside the " + screenWidth + "×" + screenHeight + " screen");
                    }
                }
                case TileFormat.ENCODING_JPEG -> {
                    limitArea(i, area);
                    long length = in.u32();
                    if (length > in.remaining()) {
                        throw new MalformedTilesException("record " + i + ": JPEG length " + length + " exceeds the "
                                + in.remaining() + " bytes left");
                    }
                    in.skip((int) length);
                }
                default -> throw new MalformedTilesException("record " + i + ": unknown encoding " + encoding);
            }
        }
        if (in.remaining() != 0) {
            throw new MalformedTilesException(in.remaining() + " bytes after the last of " + recordCount + " records");
        }
    }

    private static void limitArea(int record, int area) throws MalformedTilesException {
        if (area > TileFormat.MAX_TILE_PIXELS) {
            throw new MalformedTilesException("record " + record + ": " + area + " pixels, more than "
                    + TileFormat.MAX_TILE_PIXELS);
        }
    }

    private static void checkIndices(int record, byte[] b, int at, int w, int h, int bits, int rowBytes, int n)
            throws MalformedTilesException {
        if (n == 1 << bits) {
            return;
        }
        int mask = (1 << bits) - 1;
        for (int row = 0; row < h; row++) {
            int start = at + row * rowBytes;
            for (int col = 0; col < w; col++) {
                int bit = col * bits;
                int index = (b[start + (bit >> 3)] & 0xff) >> (8 - bits - (bit & 7)) & mask;
                if (index >= n) {
                    throw new MalformedTilesException("record " + record + ": palette index " + index + " ≥ " + n);
                }
            }
        }
    }

    private void paint(Reader in) throws MalformedTilesException {
        int x = in.u16();
        int y = in.u16();
        int w = in.u16();
        int h = in.u16();
        switch (in.u8()) {
            case TileFormat.ENCODING_RAW -> {
                byte[] b = in.bytes;
                int n = in.position;
                for (int row = y; row < y + h; row++) {
                    int at = row * width + x;
                    for (int i = at; i < at + w; i++) {
                        pixels[i] = (b[n] & 0xff) << 16 | (b[n + 1] & 0xff) << 8 | (b[n + 2] & 0xff);
                        n += 3;
                    }
                }
                in.skip(w * h * 3);
            }
            case TileFormat.ENCODING_SOLID -> {
                int rgb = in.u8() << 16 | in.u8() << 8 | in.u8();
                for (int row = y; row < y + h; row++) {
                    java.util.Arrays.fill(pixels, row * width + x, row * width + x + w, rgb);
                }
            }
            case TileFormat.ENCODING_PALETTE -> paintPalette(in, x, y, w, h);
            case TileFormat.ENCODING_COPY -> CopyRect.apply(pixels, width, in.u16(), in.u16(), x, y, w, h);
            case TileFormat.ENCODING_JPEG -> {
                int length = (int) in.u32();
                paintJpeg(in.bytes, in.position, length, x, y, w, h);
                in.skip(length);
            }
            default -> throw new IllegalStateException("validated before painting");
        }
    }

    private void paintPalette(Reader in, int x, int y, int w, int h) throws MalformedTilesException {
        int n = in.u8() + 1;
        int[] colours = new int[n];
        for (int i = 0; i < n; i++) {
            colours[i] = in.u8() << 16 | in.u8() << 8 | in.u8();
        }
        int bits = Palette.bits(n);
        int mask = (1 << bits) - 1;
        int rowBytes = (w * bits + 7) / 8;
        byte[] b = in.bytes;
        for (int row = 0; row < h; row++) {
            int start = in.position + row * rowBytes;
            int at = (y + row) * width + x;
            for (int col = 0; col < w; col++) {
                int bit = col * bits;
                pixels[at + col] = colours[(b[start + (bit >> 3)] & 0xff) >> (8 - bits - (bit & 7)) & mask];
            }
        }
        in.skip(rowBytes * h);
    }

    /** Decodes a JPEG record; its declared size is read and checked before any pixel is decoded. */
    private void paintJpeg(byte[] b, int offset, int length, int x, int y, int w, int h) throws MalformedTilesException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JDK has no JPEG reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream stream = ImageIO.createImageInputStream(new ByteArrayInputStream(b, offset, length))) {
            reader.setInput(stream, true, true);
            if (reader.getWidth(0) != w || reader.getHeight(0) != h) {
                throw new MalformedTilesException("JPEG of " + reader.getWidth(0) + "×" + reader.getHeight(0)
                        + " in a " + w + "×" + h + " record");
            }
            BufferedImage image = reader.read(0);
            for (int row = 0; row < h; row++) {
                image.getRGB(0, row, w, 1, pixels, (y + row) * width + x, w);
            }
            for (int row = y; row < y + h; row++) {
                for (int i = row * width + x; i < row * width + x + w; i++) {
                    pixels[i] &= 0xffffff;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedTilesException("not a decodable JPEG: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /** Big-endian reads of the first {@code limit} bytes that fail with a checked exception, never an unchecked one. */
    private static final class Reader {
        final byte[] bytes;
        final int limit;
        int position;

        Reader(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        int remaining() {
            return limit - position;
        }

        void skip(int n) throws MalformedTilesException {
            need(n);
            position += n;
        }

        int u8() throws MalformedTilesException {
            need(1);
            return bytes[position++] & 0xff;
        }

        int u16() throws MalformedTilesException {
            return u8() << 8 | u8();
        }

        long u32() throws MalformedTilesException {
            return (long) u16() << 16 | u16();
        }

        void need(int n) throws MalformedTilesException {
            if (n > remaining()) {
                throw new MalformedTilesException("truncated at byte " + position + " of " + limit);
            }
        }
    }
}
