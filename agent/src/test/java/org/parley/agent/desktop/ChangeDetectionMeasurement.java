package org.parley.agent.desktop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Not a test: measures the two ways to find changed 64×64 tiles of a 1920×1080 frame — comparing
 * each tile row with the previous frame ({@code Arrays.equals} ranges, as {@code TileEncoder} does)
 * or hashing each tile and comparing hashes — on an unchanged frame, the worst case for both.
 * Run: {@code java -cp <test classpath> org.parley.agent.desktop.ChangeDetectionMeasurement}.
 */
public final class ChangeDetectionMeasurement {
    private static final int W = 1920;
    private static final int H = 1080;
    private static final int T = 64;

    private ChangeDetectionMeasurement() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        int[] current = new int[W * H];
        Arrays.setAll(current, i -> (i % W < 900) ? 0xffffff : random.nextInt(1 << 24));
        int[] previous = current.clone();
        long[] hashes = new long[(W / T + 1) * (H / T + 1)];
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                sink += compare(current, previous);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                sink += hash(current, hashes);
            }
            long t2 = System.nanoTime();
            boolean[] dirty = new boolean[hashes.length];
            for (int i = 0; i < 100; i++) {
                sink += scanRows(current, previous, dirty);
            }
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: compare tile rows %.2f ms/frame, per-tile hash %.2f ms/frame, "
                    + "compare screen rows %.2f ms/frame%n", round, (t1 - t0) / 100e6, (t2 - t1) / 100e6, (t3 - t2) / 100e6);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static int compare(int[] current, int[] previous) {
        int changed = 0;
        for (int y = 0; y < H; y += T) {
            for (int x = 0; x < W; x += T) {
                int w = Math.min(T, W - x);
                for (int row = y; row < Math.min(y + T, H); row++) {
                    int from = row * W + x;
                    if (!Arrays.equals(current, from, from + w, previous, from, from + w)) {
                        changed++;
                        break;
                    }
                }
            }
        }
        return changed;
    }

    /** Whole screen rows with {@code Arrays.mismatch}, jumping to the next tile after a difference. */
    private static int scanRows(int[] current, int[] previous, boolean[] dirty) {
        Arrays.fill(dirty, false);
        int columns = (W + T - 1) / T;
        int changed = 0;
        for (int row = 0; row < H; row++) {
            int start = row * W;
            int x = 0;
            while (x < W) {
                int m = Arrays.mismatch(current, start + x, start + W, previous, start + x, start + W);
                if (m < 0) {
                    break;
                }
                int column = (x + m) / T;
                int tile = row / T * columns + column;
                if (!dirty[tile]) {
                    dirty[tile] = true;
                    changed++;
                }
                x = (column + 1) * T;
            }
        }
        return changed;
    }

    private static int hash(int[] current, long[] hashes) {
        int changed = 0;
        int tile = 0;
        for (int y = 0; y < H; y += T) {
            for (int x = 0; x < W; x += T) {
                int w = Math.min(T, W - x);
                // four independent lanes so the multiply chain is not the bottleneck
                long a = 1;
                long b = 2;
                long c = 3;
                long d = 4;
                for (int row = y; row < Math.min(y + T, H); row++) {
                    int from = row * W + x;
                    int i = from;
                    for (; i + 3 < from + w; i += 4) {
                        a = a * 0x9E3779B97F4A7C15L + current[i];
                        b = b * 0x9E3779B97F4A7C15L + current[i + 1];
                        c = c * 0x9E3779B97F4A7C15L + current[i + 2];
                        d = d * 0x9E3779B97F4A7C15L + current[i + 3];
                    }
                    for (; i < from + w; i++) {
                        a = a * 31 + current[i];
                    }
                }
                long h = a ^ Long.rotateLeft(b, 16) ^ Long.rotateLeft(c, 32) ^ Long.rotateLeft(d, 48);
                if (hashes[tile] != h) {
                    hashes[tile] = h;
                    changed++;
                }
                tile++;
            }
        }
        return changed;
    }
}
