package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class TileEncoderTest {

    @Test
    void keyframeHoldsEveryTileInOneLastPartWithTheExactBytesOfSection9() throws Exception {
        Frame frame = randomFrame(new Random(1), 130, 70);
        try (TileEncoder encoder = new TileEncoder()) {
            List<byte[]> bodies = encoder.encode(frame, true);

            assertThat(bodies).hasSize(1);
            TileHeaders headers = TileHeaders.read(bodies.get(0));
            assertThat(headers.screenWidth()).isEqualTo(130);
            assertThat(headers.screenHeight()).isEqualTo(70);
            assertThat(headers.frame()).isZero();
            assertThat(headers.flags()).isEqualTo(0b11);
            assertThat(headers.tiles()).extracting(TileHeaders.Tile::bounds).containsExactly(
                    new Rectangle(0, 0, 64, 64), new Rectangle(64, 0, 64, 64), new Rectangle(128, 0, 2, 64),
                    new Rectangle(0, 64, 64, 6), new Rectangle(64, 64, 64, 6), new Rectangle(128, 64, 2, 6));
            for (TileHeaders.Tile tile : headers.tiles()) {
                assertThat(tile.encoding()).isEqualTo(1);
                assertThat(inflate(bodies.get(0), tile)).isEqualTo(rgbBytes(frame, tile.bounds()));
            }
        }
    }

    @Test
    void unchangedFrameSendsNothingAndASmallChangeSendsOnlyItsTiles() throws Exception {
        Frame first = randomFrame(new Random(2), 1920, 1080);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            encoder.encode(first, true).forEach(body -> apply(decoder, body));
            assertThat(encoder.encode(new Frame(1920, 1080, first.pixels().clone()), false)).isEmpty();

            int[] caret = first.pixels().clone();
            for (int y = 500; y < 516; y++) {
                caret[y * 1920 + 127] = 0;
                caret[y * 1920 + 128] = 0;
            }
            List<byte[]> bodies = encoder.encode(new Frame(1920, 1080, caret), false);

            assertThat(bodies).hasSize(1);
            TileHeaders headers = TileHeaders.read(bodies.get(0));
            assertThat(headers.frame()).isEqualTo(1);
            assertThat(headers.flags()).isEqualTo(0b10);
            assertThat(headers.tiles()).extracting(TileHeaders.Tile::bounds).containsExactly(
                    new Rectangle(64, 448, 64, 64), new Rectangle(128, 448, 64, 64),
                    new Rectangle(64, 512, 64, 64), new Rectangle(128, 512, 64, 64));
            apply(decoder, bodies.get(0));
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(caret);
        }
    }

    @Test
    void incompressibleKeyframeIsSplitIntoPartsOfAtMostOneMebibyteOnTileBoundaries() throws Exception {
        Frame noise = randomFrame(new Random(3), 1920, 1080);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            List<byte[]> bodies = encoder.encode(noise, true);

            assertThat(bodies).hasSizeGreaterThan(5);
            int tiles = 0;
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(bodies.get(i).length + 1).isLessThanOrEqualTo(1 << 20);
                TileHeaders headers = TileHeaders.read(bodies.get(i));
                assertThat(headers.keyframe()).isTrue();
                assertThat(headers.lastPart()).isEqualTo(i == bodies.size() - 1);
                assertThat(headers.frame()).isZero();
                tiles += headers.tiles().size();
                apply(decoder, bodies.get(i));
            }
            assertThat(tiles).isEqualTo(30 * 17);
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(noise.pixels());
        }
    }

    @Test
    void randomFramesAndChangesRoundTripThroughTheDecoder() throws Exception {
        Random random = new Random(4);
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            for (int round = 0; round < 40; round++) {
                int width = 1 + random.nextInt(300);
                int height = 1 + random.nextInt(200);
                Frame frame = random.nextBoolean() ? randomFrame(random, width, height) : smoothFrame(random, width, height);
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

    private static Frame smoothFrame(Random random, int width, int height) {
        int base = random.nextInt(1 << 24);
        int[] pixels = new int[width * height];
        Arrays.setAll(pixels, i -> (base + (i % width) * 3 + (i / width) * 0x100) & 0xffffff);
        return new Frame(width, height, pixels);
    }

    static void apply(TileDecoder decoder, byte[] body) {
        try {
            decoder.apply(body);
        } catch (MalformedTilesException | KeyframeNeededException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] inflate(byte[] body, TileHeaders.Tile tile) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(body, tile.offset(), tile.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toByteArray();
    }

    private static byte[] rgbBytes(Frame frame, Rectangle tile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int y = tile.y; y < tile.y + tile.height; y++) {
            for (int x = tile.x; x < tile.x + tile.width; x++) {
                int p = frame.rgb(x, y);
                out.write(p >> 16);
                out.write(p >> 8 & 0xff);
                out.write(p & 0xff);
            }
        }
        return out.toByteArray();
    }
}
