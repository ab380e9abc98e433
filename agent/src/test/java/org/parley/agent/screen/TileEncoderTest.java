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
    void scrollingUpAndDownIsSentAsCopiesFirstThenOnlyTheNewLines() {
        int[] document = document(400, 2000, 11);
        int[] tops = {0, 20, 40, 37, 137, 100, 101, 1500, 1480};
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            List<byte[]> key = encoder.encode(window(document, 400, 300, 0), true);
            key.forEach(body -> apply(decoder, body));
            int keyBytes = key.stream().mapToInt(b -> b.length).sum();
            for (int i = 1; i < tops.length; i++) {
                Frame frame = window(document, 400, 300, tops[i]);
                List<byte[]> bodies = encoder.encode(frame, false);
                bodies.forEach(body -> apply(decoder, body));

                assertThat(decoder.snapshot().orElseThrow().pixels()).as("scrolled to " + tops[i]).isEqualTo(frame.pixels());
                List<Integer> encodings = bodies.stream().flatMap(b -> TileHeaders.read(b).tiles().stream())
                        .map(TileHeaders.Tile::encoding).toList();
                int firstOther = encodings.indexOf(encodings.stream().filter(e -> e != 5).findFirst().orElse(-1));
                List<Integer> copies = encodings.subList(0, firstOther < 0 ? encodings.size() : firstOther);
                assertThat(firstOther < 0 ? List.of() : encodings.subList(firstOther, encodings.size()))
                        .doesNotContain(TileFormat.ENCODING_COPY);
                int newRows = Math.min(300, Math.abs(tops[i] - tops[i - 1]));
                if (newRows <= 100) {
                    assertThat(copies).as("scrolled to " + tops[i]).isNotEmpty();
                    assertThat(bodies.stream().mapToInt(b -> b.length).sum()).as("scrolled to " + tops[i])
                            .isLessThan(keyBytes * (newRows + 40) / 300);
                }
            }
        }
    }

    @Test
    void aWindowDraggedAcrossTheScreenIsSentAsCopies() {
        Random random = new Random(12);
        int[] photo = new int[100 * 80];
        Arrays.setAll(photo, i -> random.nextInt(1 << 24));
        int[][] places = {{50, 60}, {57, 55}, {44, 64}, {44, 100}, {90, 100}};
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            for (int i = 0; i < places.length; i++) {
                int[] pixels = new int[320 * 240];
                Arrays.fill(pixels, 0x2d3e50);
                for (int y = 0; y < 80; y++) {
                    System.arraycopy(photo, y * 100, pixels, (places[i][1] + y) * 320 + places[i][0], 100);
                }
                Frame frame = new Frame(320, 240, pixels);
                List<byte[]> bodies = encoder.encode(frame, i == 0);
                bodies.forEach(body -> apply(decoder, body));

                assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(pixels);
                if (i > 0) {
                    assertThat(bodies.stream().mapToInt(b -> b.length).sum()).as("moved to " + Arrays.toString(places[i]))
                            .isLessThan(100 * 80 * 3 / 20);
                }
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
