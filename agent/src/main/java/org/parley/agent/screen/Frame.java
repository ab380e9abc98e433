package org.parley.agent.screen;

/**
 * One screen image: {@code width × height} pixels, row-major, each {@code 0x??RRGGBB} (the top
 * byte is ignored). The array is shared, not copied: whoever hands a frame on stops writing to it.
 */
public record Frame(int width, int height, int[] pixels) {

    /** @throws IllegalArgumentException if the array does not hold exactly {@code width × height} pixels */
    public Frame {
        if (width < 1 || height < 1 || width > TileFormat.MAX_SIDE || height > TileFormat.MAX_SIDE) {
            throw new IllegalArgumentException("frame size must be 1–" + TileFormat.MAX_SIDE + " a side, got "
                    + width + "×" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " frame needs " + width * height
                    + " pixels, got " + pixels.length);
        }
    }

    /** The pixel at ({@code x}, {@code y}) as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        return pixels[y * width + x] & 0xffffff;
    }
}
