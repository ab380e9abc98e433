package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.agent.screen.Bodies.KEY_LAST;
import static org.parley.agent.screen.Bodies.LAST;
import static org.parley.agent.screen.Bodies.body;
import static org.parley.agent.screen.Bodies.concat;
import static org.parley.agent.screen.Bodies.copy;
import static org.parley.agent.screen.Bodies.palette;
import static org.parley.agent.screen.Bodies.raw;
import static org.parley.agent.screen.Bodies.solid;
import static org.parley.agent.screen.Bodies.zlib;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileDecoderTest {

    @Test
    void changeFrameBeforeAnyKeyframeAsksForOne() {
        byte[] change = body(64, 64, 0, LAST, 1, solid(0, 0, 1, 1, 0));
        try (TileDecoder decoder = new TileDecoder()) {
            assertThatThrownBy(() -> decoder.apply(change)).isInstanceOf(KeyframeNeededException.class);
        }
    }

    @Test
    void everyEncodingPaintsExactlyItsPixels() throws Exception {
        int[] fourColours = {0x000000, 0xff0000, 0x00ff00, 0x0000ff};
        int[] indices = new int[5 * 3];
        Arrays.setAll(indices, i -> i % 4);
        try (TileDecoder decoder = new TileDecoder()) {
            decoder.apply(body(8, 4, 0, KEY_LAST, 3, solid(0, 0, 8, 4, 0x102030),
                    raw(0, 0, 1, 1, new byte[] {1, 2, 3}), palette(2, 1, 5, 3, fourColours, indices)));
            Frame frame = decoder.snapshot().orElseThrow();

            assertThat(frame.rgb(0, 0)).isEqualTo(0x010203);
            assertThat(frame.rgb(1, 0)).isEqualTo(0x102030);
            assertThat(frame.rgb(2, 1)).isEqualTo(0x000000);
            assertThat(frame.rgb(3, 1)).isEqualTo(0xff0000);
            assertThat(frame.rgb(6, 1)).isEqualTo(0x000000);
            assertThat(frame.rgb(3, 2)).isEqualTo(0x00ff00);
            assertThat(frame.rgb(7, 3)).isEqualTo(0x102030);

            decoder.apply(body(8, 4, 1, LAST, 1, copy(1, 0, 7, 4, 0, 0)));
            Frame shifted = decoder.snapshot().orElseThrow();
            assertThat(shifted.rgb(1, 0)).isEqualTo(0x010203);
            assertThat(shifted.rgb(4, 1)).isEqualTo(0xff0000);
        }
    }

    @Test
    void overlappingCopiesActAsIfThroughATemporaryBuffer() throws Exception {
        int[] stripes = new int[4 * 6];
        Arrays.setAll(stripes, i -> i / 4 % 2);
        try (TileDecoder decoder = new TileDecoder()) {
            byte[] key = body(4, 6, 0, KEY_LAST, 1, palette(0, 0, 4, 6, new int[] {0x111111, 0x222222},
                    new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}));
            decoder.apply(key);
            decoder.apply(body(4, 6, 1, LAST, 1, copy(0, 1, 4, 5, 0, 0)));
            assertThat(rows(decoder)).containsExactly(0x111111, 0x111111, 0x222222, 0x111111, 0x222222, 0x111111);

            decoder.apply(key);
            decoder.apply(body(4, 6, 1, LAST, 1, copy(0, 0, 4, 5, 0, 1)));
            assertThat(rows(decoder)).containsExactly(0x222222, 0x111111, 0x222222, 0x111111, 0x222222, 0x222222);
        }
    }

    @Test
    void malformedBodiesAreRefusedWithTheReason() throws Exception {
        byte[] pixel = solid(0, 0, 1, 1, 0);
        byte[] records = concat(pixel, pixel);
        Map<String, byte[]> malformed = Map.ofEntries(
                Map.entry("truncated", new byte[10]),
                Map.entry("screen size out of range", body(0, 10, 0, KEY_LAST, 0)),
                Map.entry("not a v2 body", body(64, 64, 0, 0b011, 1, pixel)),
                Map.entry("unknown flag bits", body(64, 64, 0, 0b1111, 1, pixel)),
                Map.entry("not a zlib stream", body(64, 64, 0, KEY_LAST, 1, 12, new byte[] {1, 2, 3, 4})),
                Map.entry("fewer than the declared", body(64, 64, 0, KEY_LAST, 1, 13, zlib(pixel))),
                Map.entry("more than the declared", body(64, 64, 0, KEY_LAST, 1, 12, zlib(records))),
                Map.entry("exceeds 33554432", body(64, 64, 0, KEY_LAST, 1, (32 << 20) + 1, zlib(pixel))),
                Map.entry("truncated at byte 12", body(64, 64, 0, KEY_LAST, 2, pixel)),
                Map.entry("bytes after the last of 1 records", body(64, 64, 0, KEY_LAST, 1, records)),
                Map.entry("bytes after the zlib stream", body(64, 64, 0, KEY_LAST, 1, 12, concat(zlib(pixel), new byte[1]))),
                Map.entry("ends early", body(64, 64, 0, KEY_LAST, 1, 12, Arrays.copyOf(zlib(pixel), 8))),
                Map.entry("unknown encoding 7", body(64, 64, 0, KEY_LAST, 1, concat(Bodies.header(0, 0, 1, 1, 7), new byte[3]))),
                Map.entry("outside the 64×64 screen", body(64, 64, 0, KEY_LAST, 1, solid(60, 0, 5, 1, 0))),
                Map.entry("(0,0 0×1) is outside", body(64, 64, 0, KEY_LAST, 1, solid(0, 0, 0, 1, 0))),
                Map.entry("COPY source", body(64, 64, 0, KEY_LAST, 1, copy(0, 0, 8, 8, 57, 0))),
                Map.entry("palette index 3 ≥ 3", body(64, 64, 0, KEY_LAST, 1,
                        palette(0, 0, 2, 1, new int[] {1, 2, 3}, new int[] {0, 3}))),
                Map.entry("more than 65536", body(512, 512, 0, KEY_LAST, 1, raw(0, 0, 257, 256, new byte[257 * 256 * 3]))),
                Map.entry("JPEG length", body(64, 64, 0, KEY_LAST, 1, concat(Bodies.header(0, 0, 1, 1, 6), new byte[] {0, 0, 1, 0}))),
                Map.entry("not a decodable JPEG", body(64, 64, 0, KEY_LAST, 1,
                        concat(Bodies.header(0, 0, 1, 1, 6), new byte[] {0, 0, 0, 2, 1, 2}))));
        try (TileDecoder decoder = new TileDecoder()) {
            for (var entry : malformed.entrySet()) {
                assertThatThrownBy(() -> decoder.apply(entry.getValue())).as(entry.getKey())
                        .isInstanceOf(MalformedTilesException.class).hasMessageContaining(entry.getKey());
            }
        }
    }

    @Test
    void aRecordOutsideTheScreenIsRefusedBeforeAnyPixelIsWritten() throws Exception {
        try (TileDecoder decoder = new TileDecoder()) {
            decoder.apply(body(64, 64, 0, KEY_LAST, 1, solid(0, 0, 64, 64, 0x010203)));
            byte[] outside = body(64, 64, 1, LAST, 2, solid(0, 0, 1, 1, 0x090909), solid(60, 0, 5, 1, 0));

            assertThatThrownBy(() -> decoder.apply(outside)).isInstanceOf(MalformedTilesException.class);
            assertThat(decoder.snapshot().orElseThrow().rgb(0, 0)).isEqualTo(0x010203);
        }
    }

    @Test
    void afterAMalformedBodyOnlyAKeyframeIsAccepted() throws Exception {
        try (TileEncoder encoder = new TileEncoder(); TileDecoder decoder = new TileDecoder()) {
            Frame frame = TileEncoderTest.randomFrame(new Random(7), 100, 100);
            decoder.apply(encoder.encode(frame, true).get(0));
            byte[] change = encoder.encode(TileEncoderTest.randomFrame(new Random(8), 100, 100), false).get(0);
            byte[] broken = change.clone();
            broken[broken.length - 10] ^= 0x55;

            assertThatThrownBy(() -> decoder.apply(broken)).isInstanceOf(MalformedTilesException.class);
            assertThatThrownBy(() -> decoder.apply(change)).isInstanceOf(KeyframeNeededException.class);
            decoder.apply(encoder.encode(frame, true).get(0));
            assertThat(decoder.snapshot().orElseThrow().pixels()).isEqualTo(frame.pixels());
        }
    }

    @Test
    void seededFuzzOfMutatedBodiesOnlyEverThrowsCheckedExceptions() throws Exception {
        Random random = new Random(20261123);
        List<byte[]> seeds;
        try (TileEncoder encoder = new TileEncoder()) {
            Frame frame = TileEncoderTest.randomFrame(random, 200, 150);
            seeds = List.of(encoder.encode(frame, true).get(0),
                    encoder.encode(TileEncoderTest.randomFrame(random, 200, 150), false).get(0),
                    encoder.encode(TileEncoderTest.textFrame(200, 150, 3), true).get(0),
                    encoder.encode(TileEncoderTest.textFrame(200, 150, 5), false).get(0));
        }
        try (TileDecoder decoder = new TileDecoder()) {
            for (int i = 0; i < 3000; i++) {
                byte[] body = mutate(random, seeds.get(random.nextInt(seeds.size())));
                try {
                    decoder.apply(body);
                } catch (MalformedTilesException | KeyframeNeededException expected) {
                    // a refusal is the correct outcome for most mutations
                }
            }
        }
    }

    private static int[] rows(TileDecoder decoder) {
        Frame frame = decoder.snapshot().orElseThrow();
        int[] rows = new int[frame.height()];
        Arrays.setAll(rows, y -> frame.rgb(2, y));
        return rows;
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] body = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    body[random.nextInt(Math.min(body.length, 40))] = (byte) random.nextInt(256);
                }
            }
            case 1 -> body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
            case 2 -> body = Arrays.copyOf(body, random.nextInt(body.length));
            default -> {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                body = noise;
            }
        }
        return body;
    }
}
