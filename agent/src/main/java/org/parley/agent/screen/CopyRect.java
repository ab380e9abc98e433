package org.parley.agent.screen;

/** The COPY record's effect (README §9, encoding 5), shared by the encoder's picture and the decoder's. */
final class CopyRect {

    private CopyRect() {
    }

    /**
     * Copies the {@code w × h} rectangle at ({@code srcX}, {@code srcY}) to ({@code x}, {@code y})
     * of a {@code stride}-wide picture, with the result of a copy through a temporary buffer: rows
     * are taken in the order that reads each source row before it is overwritten, and
     * {@link System#arraycopy} already behaves so within a row.
     */
    static void apply(int[] pixels, int stride, int srcX, int srcY, int x, int y, int w, int h) {
        if (srcY >= y) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(pixels, (srcY + row) * stride + srcX, pixels, (y + row) * stride + x, w);
            }
        } else {
            for (int row = h - 1; row >= 0; row--) {
                System.arraycopy(pixels, (srcY + row) * stride + srcX, pixels, (y + row) * stride + x, w);
            }
        }
    }
}
