package org.parley.agent.screen;

import java.util.Arrays;

/**
 * The distinct colours of a rectangle, if there are at most 256 (text, UI): counting stops at the
 * 257th, so a photo-like tile costs at most one pass that ends early. An open-addressing table of
 * 1024 slots, cleared by a generation stamp rather than by filling, keeps a 64×64 tile at a few
 * microseconds; runs of one colour (most of text and UI) skip the lookup.
 */
final class Palette {
    static final int MAX_COLOURS = 256;
    private static final int SLOTS = 1024;

    private final int[] slotColour = new int[SLOTS];
    private final int[] slotIndex = new int[SLOTS];
    private final int[] slotStamp = new int[SLOTS];
    private final int[] colours = new int[MAX_COLOURS];
    private int stamp;
    private int size;

    /**
     * Counts the colours (RGB, top byte ignored) of the {@code w × h} rectangle at ({@code x},
     * {@code y}) of a {@code stride}-wide picture; returns {@link #MAX_COLOURS} + 1 as soon as there
     * are more than {@link #MAX_COLOURS}.
     */
    int analyse(int[] pixels, int stride, int x, int y, int w, int h) {
        if (++stamp == 0) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        size = 0;
        int last = -1;
        for (int row = y; row < y + h; row++) {
            int from = row * stride + x;
            for (int i = from; i < from + w; i++) {
                int rgb = pixels[i] & 0xffffff;
                if (rgb != last) {
                    last = rgb;
                    if (add(rgb) > MAX_COLOURS) {
                        return MAX_COLOURS + 1;
                    }
                }
            }
        }
        return size;
    }

    /** The index of a colour of the last analysed rectangle. */
    int indexOf(int rgb) {
        int slot = slot(rgb);
        while (slotStamp[slot] != stamp || slotColour[slot] != rgb) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        return slotIndex[slot];
    }

    /** The colour at {@code index}, in order of first appearance. */
    int colour(int index) {
        return colours[index];
    }

    int size() {
        return size;
    }

    /** Bits per index for {@code n} colours (README §9: 1, 2, 4 or 8). */
    static int bits(int n) {
        return n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
    }

    /** Adds a colour if new; returns the number of colours (more than 256 means "too many", nothing stored). */
    private int add(int rgb) {
        int slot = slot(rgb);
        while (slotStamp[slot] == stamp) {
            if (slotColour[slot] == rgb) {
                return size;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        if (size == MAX_COLOURS) {
            return MAX_COLOURS + 1;
        }
        slotStamp[slot] = stamp;
        slotColour[slot] = rgb;
        slotIndex[slot] = size;
        colours[size++] = rgb;
        return size;
    }

    private static int slot(int rgb) {
        return (rgb * 0x9E3779B1) >>> 22;
    }
}
