package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileEncoderTest {

    @Test
    void keyframeIsOneLastV2BodyThatDecodesPixelForPixel() {
        Frame frame = randomFrame(new Random(1), 130, 70);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            List<byte[]> bodies = encoder.encode(frame, true);

            assertThat(bodies).hasSize(1);
            TileHeaders headers = TileHeaders.read(bodies.get(0));
            assertThat(headers.screenWidth()).isEqualTo(130);
            assertThat(headers.screenHeight()).isEqualTo(70);
            assertThat(headers.frame()).isZero();
            assertThat(headers.flags()).isEqualTo(0b111);
            assertThat(headers.tiles()).extracting(TileHeaders.Tile::bounds).containsExactly(
                    new Rectangle(0, 0, 64, 64), new Rectangle(64, 0, 64, 64), new Rectangle(128, 0, 2, 64),
                    new Rectangle(0, 64, 64, 6), new Rectangle(64, 64, 64, 6), new Rectangle(128, 64, 2, 6));
            assertThat(headers.tiles()).extracting(TileHeaders.Tile::encoding).containsOnly(TileFormat.ENCODING_RAW);
            apply(decoder, bodies.get(0));
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(frame.pixels());
        }
    }

    @Test
    void tilesOfFewColoursGoAsSolidOrAsPaletteOfOneTwoFourOrEightBits() {
        int[][] expected = {{1, 3, 0}, {2, 4, 1}, {3, 4, 2}, {4, 4, 2}, {5, 4, 4}, {16, 4, 4}, {17, 4, 8}, {256, 4, 8},
            {257, 2, 0}};
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            for (int[] e : expected) {
                int colours = e[0];
                int[] pixels = new int[64 * 64];
                Random random = new Random(colours);
                Arrays.setAll(pixels, i -> i < colours ? i * 0x0107 : random.nextInt(colours) * 0x0107);
                Frame frame = new Frame(64, 64, pixels);
                byte[] body = encoder.encode(frame, true).get(0);

                TileHeaders headers = TileHeaders.read(body);
                assertThat(headers.tiles()).as(colours + " colours").singleElement()
                        .extracting(TileHeaders.Tile::encoding).isEqualTo(e[1]);
                if (e[1] == TileFormat.ENCODING_PALETTE) {
                    int n = (headers.inflated()[headers.tiles().get(0).offset()] & 0xff) + 1;
                    assertThat(n).isEqualTo(colours);
                    assertThat(headers.inflatedLength()).isEqualTo(9 + 1 + 3 * colours + 64 * 64 * e[2] / 8);
                }
                apply(decoder, body);
                assertThat(decoder.snapshot().orElseThrow().pixels()).as(colours + " colours").isEqualTo(pixels);
            }
        }
    }

    @Test
    void unchangedFrameSendsNothingAndACaretSendsOnlyItsPixels() {
        Frame first = textFrame(1920, 1080, 2);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            encoder.encode(first, true).forEach(body -> apply(decoder, body));
            assertThat(encoder.encode(new Frame(1920, 1080, first.pixels().clone()), false)).isEmpty();

            int[] caret = first.pixels().clone();
            for (int y = 500; y < 516; y++) {
                caret[y * 1920 + 127] = 0xff00ff;
                caret[y * 1920 + 128] = 0xff00ff;
            }
            List<byte[]> bodies = encoder.encode(new Frame(1920, 1080, caret), false);

            assertThat(bodies).hasSize(1);
            TileHeaders headers = TileHeaders.read(bodies.get(0));
            assertThat(headers.frame()).isEqualTo(1);
            assertThat(headers.flags()).isEqualTo(0b110);
            assertThat(headers.tiles()).extracting(TileHeaders.Tile::bounds).containsExactly(
                    new Rectangle(127, 500, 1, 12), new Rectangle(128, 500, 1, 12),
                    new Rectangle(127, 512, 1, 4), new Rectangle(128, 512, 1, 4));
            apply(decoder, bodies.get(0));
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(caret);
        }
    }

    @Test
    void incompressibleKeyframeIsSplitIntoPartsThatEachInflateOnTheirOwn() {
        Frame noise = randomFrame(new Random(3), 1920, 1080);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            List<byte[]> bodies = encoder.encode(noise, true);

            assertThat(bodies).hasSizeGreaterThan(5);
            int records = 0;
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(bodies.get(i).length).isLessThanOrEqualTo(TileFormat.MAX_BODY);
                TileHeaders headers = TileHeaders.read(bodies.get(i));
                assertThat(headers.keyframe()).isTrue();
                assertThat(headers.lastPart()).isEqualTo(i == bodies.size() - 1);
                assertThat(headers.frame()).isZero();
                assertThat(headers.inflatedLength()).isLessThanOrEqualTo(TileFormat.MAX_INFLATED);
                records += headers.tiles().size();
                apply(decoder, bodies.get(i));
            }
            assertThat(records).isEqualTo(30 * 17);
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(noise.pixels());
        }
    }

    @Test
    void randomFramesAndChangesRoundTripThroughTheDecoder() {
        Random random = new Random(4);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            for (int round = 0; round < 40; round++) {
                int width = 1 + random.nextInt(300);
                int height = 1 + random.nextInt(200);
                Frame frame = switch (round % 3) {
                    case 0 -> randomFrame(random, width, height);
                    case 1 -> smoothFrame(random, width, height);
                    default -> textFrame(width, height, round);
                };
                encoder.encode(frame, round % 5 == 0).forEach(body -> apply(decoder, body));
                assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(frame.pixels());

                int[] changed = frame.pixels().clone();
                for (int i = random.nextInt(20); i >= 0; i--) {
                    changed[random.nextInt(changed.length)] = random.nextInt(1 << 24);
                }
                encoder.encode(new Frame(width, height, changed), false).forEach(body -> apply(decoder, body));
                assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(changed);
            }
        }
    }

    @Test
    void newScreenSizeForcesAKeyframe() {
        try (TileEncoder encoder = new TileEncoder()) {
            encoder.encode(randomFrame(new Random(5), 100, 100), true);
            List<byte[]> bodies = encoder.encode(randomFrame(new Random(6), 120, 100), false);

            assertThat(TileHeaders.read(bodies.get(0)).keyframe()).isTrue();
        }
    }

    static Frame randomFrame(Random random, int width, int height) {
        int[] pixels = new int[width * height];
        Arrays.setAll(pixels, i -> random.nextInt(1 << 24));
        return new Frame(width, height, pixels);
    }

    static Frame smoothFrame(Random random, int width, int height) {
        int base = random.nextInt(1 << 24);
        int[] pixels = new int[width * height];
        Arrays.setAll(pixels, i -> (base + (i % width) * 3 + (i / width) * 0x100) & 0xffffff);
        return new Frame(width, height, pixels);
    }

    /** A terminal-like screen: lines 20 pixels high of 8×14 "glyphs" (random bit patterns) in seven inks. */
    static Frame textFrame(int width, int height, long seed) {
        return new Frame(width, height, document(width, height, seed));
    }

    /** A {@code width × height} text document; {@link #window} of it shows a scrolled view. */
    static int[] document(int width, int height, long seed) {
        int[] inks = {0xe0e0e0, 0x6ee26e, 0xf0c040, 0x70a0ff, 0xff7070, 0xd080ff, 0x60e0e0};
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, 0x101010);
        for (int line = 0; line * 20 < height; line++) {
            int ink = inks[random.nextInt(inks.length)];
            int glyphs = random.nextInt(Math.max(1, width / 8));
            for (int g = 0; g < glyphs; g++) {
                long bits = random.nextLong();
                for (int gy = 0; gy < 14; gy++) {
                    for (int gx = 0; gx < 8; gx++) {
                        int x = g * 8 + gx;
                        int y = line * 20 + 3 + gy;
                        if (x < width && y < height && (bits >>> ((gy * 8 + gx) % 64) & 1) != 0) {
                            pixels[y * width + x] = ink;
                        }
                    }
                }
            }
        }
        return pixels;
    }

    /** Rows {@code top … top + height} of a {@code width}-wide document. */
    static Frame window(int[] document, int width, int height, int top) {
        return new Frame(width, height, Arrays.copyOfRange(document, top * width, (top + height) * width));
    }

    static void apply(TileDecoder decoder, byte[] body) {
        try {
            decoder.apply(body);
        } catch (MalformedTilesException | KeyframeNeededException e) {
            throw new AssertionError(e);
        }
    }
}
