package org.parley.agent.screen;

/**
 * Chooses and writes the record for one changed rectangle of at most 256×256 pixels: SOLID for
 * one colour, PALETTE for up to 256 (text and UI: 1–8 bits a pixel before zlib instead of 24), RAW
 * otherwise. PALETTE is chosen only when its payload is smaller than RAW's (not for a 2×64 edge
 * tile of 128 colours). Measured on 1920×1080 keyframes at zlib level 1: text without
 * anti-aliasing 291 KB as RAW, 94 KB with PALETTE; anti-aliased text (the busy desktop, an editor)
 * gains 1–3 %: its tiles often have more than 256 colours, and RAW compresses about as well in one
 * zlib stream, where a glyph's bytes repeat across tiles but its palette indices do not (sorting
 * palettes by colour to keep indices alike did not help: 248 KB against 244).
 */
final class RectEncoder {
    private final Palette palette = new Palette();
    private final boolean usePalette;

    RectEncoder(boolean usePalette) {
        this.usePalette = usePalette;
    }

    void write(MessageWriter out, int[] pixels, int stride, int x, int y, int w, int h) {
        int colours = palette.analyse(pixels, stride, x, y, w, h);
        if (colours == 1) {
            out.begin(x, y, w, h, TileFormat.ENCODING_SOLID);
            out.putRgb(palette.colour(0));
        } else if (usePalette && colours <= Palette.MAX_COLOURS
                && 1 + 3 * colours + (w * Palette.bits(colours) + 7) / 8 * h < w * h * 3) {
            writePalette(out, pixels, stride, x, y, w, h, colours);
        } else {
            writeRaw(out, pixels, stride, x, y, w, h);
        }
        out.end();
    }

    private static void writeRaw(MessageWriter out, int[] pixels, int stride, int x, int y, int w, int h) {
        out.begin(x, y, w, h, TileFormat.ENCODING_RAW);
        byte[] b = out.staging(w * h * 3);
        int n = out.position();
        for (int row = y; row < y + h; row++) {
            int from = row * stride + x;
            for (int i = from; i < from + w; i++) {
                int p = pixels[i];
                b[n] = (byte) (p >> 16);
                b[n + 1] = (byte) (p >> 8);
                b[n + 2] = (byte) p;
                n += 3;
            }
        }
        out.advance(n - out.position());
    }

    private void writePalette(MessageWriter out, int[] pixels, int stride, int x, int y, int w, int h, int colours) {
        out.begin(x, y, w, h, TileFormat.ENCODING_PALETTE);
        out.put(colours - 1);
        for (int i = 0; i < colours; i++) {
            out.putRgb(palette.colour(i));
        }
        int bits = Palette.bits(colours);
        int rowBytes = (w * bits + 7) / 8;
        byte[] b = out.staging(rowBytes * h);
        int n = out.position();
        int last = -1;
        int lastIndex = 0;
        for (int row = y; row < y + h; row++) {
            int from = row * stride + x;
            int acc = 0;
            int filled = 0;
            for (int i = from; i < from + w; i++) {
                int rgb = pixels[i] & 0xffffff;
                if (rgb != last) {
                    last = rgb;
                    lastIndex = palette.indexOf(rgb);
                }
                acc = acc << bits | lastIndex;
                filled += bits;
                if (filled == 8) {
                    b[n++] = (byte) acc;
                    acc = 0;
                    filled = 0;
                }
            }
            if (filled > 0) {
                b[n++] = (byte) (acc << (8 - filled));
            }
        }
        out.advance(n - out.position());
    }
}
