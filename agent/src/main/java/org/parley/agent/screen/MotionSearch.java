package org.parley.agent.screen;

/** Finds scrolled and moved regions and sends them as COPY records. */
final class MotionSearch {

    void copy(MessageWriter out, int[] previous, int[] pixels, int width, int height, boolean[] dirty, int columns) {
    }
}
