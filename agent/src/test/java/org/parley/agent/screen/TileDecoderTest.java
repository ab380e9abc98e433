package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class TileDecoderTest {

    @Test
    void changeFrameBeforeAnyKeyframeAsksForOne() {
        byte[] change = body(64, 64, 0, 1, tile(0, 0, 1, 1, 1, zlib(new byte[3])));
        try (TileDecoder decoder = new TileDecoder()) {
            assertThatThrownBy(() -> decoder.apply(change)).isInstanceOf(KeyframeNeededException.class);
        }
    }

    @Test
    void tileOutsideTheScreenIsRefusedBeforeAnyPixelIsWritten() throws Exception {
        try (TileDecoder decoder = new TileDecoder()) {
            decoder.apply(body(64, 64, 0b11, 1, tile(0, 0, 1, 1, 1, zlib(new byte[] {1, 2, 3}))));
            byte[] outside = body(64, 64, 0b10, 2, tile(0, 0, 1, 1, 1, zlib(new byte[] {9, 9, 9})),
                    tile(60, 0, 5, 1, 1, zlib(new byte[15])));

            assertThatThrownBy(() -> decoder.apply(outside)).isInstanceOf(MalformedTilesException.class)
                    .hasMessageContaining("outside the 64×64 screen");
            assertThat(decoder.snapshot().orElseThrow().rgb(0, 0)).isEqualTo(0x010203);
        }
    }

    @Test
    void malformedBodiesAreRefusedWithTheReason() {
        List<byte[]> malformed = List.of(
                new byte[0],
                body(0, 10, 1, 0),
                body(65535, 65535, 1, 0),
                body(64, 64, 1, 1, tile(0, 0, 1, 1, 2, zlib(new byte[3]))),
                body(64, 64, 1, 1, tile(0, 0, 2, 2, 1, zlib(new byte[3]))),
                body(64, 64, 1, 1, tile(0, 0, 1, 1, 1, new byte[] {1, 2, 3, 4})),
                body(64, 64, 1, 2, tile(0, 0, 1, 1, 1, zlib(new byte[3]))),
                append(body(64, 64, 1, 1, tile(0, 0, 1, 1, 1, zlib(new byte[3]))), new byte[] {0}),
                body(64, 64, 1, 1, tile(0, 0, 1, 1, 1, append(zlib(new byte[3]), new byte[] {7}))),
                body(64, 64, 1, 1, tile(0, 0, 0, 1, 1, new byte[0])));
        try (TileDecoder decoder = new TileDecoder()) {
            for (byte[] body : malformed) {
                assertThatThrownBy(() -> decoder.apply(body)).isInstanceOf(MalformedTilesException.class);
            }
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
                    encoder.encode(TileEncoderTest.randomFrame(random, 200, 150), false).get(0));
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

    static byte[] body(int width, int height, int flags, int tileCount, byte[]... tiles) {
        ByteBuffer out = ByteBuffer.allocate(11 + Arrays.stream(tiles).mapToInt(t -> t.length).sum());
        out.putShort((short) width).putShort((short) height).putInt(0).put((byte) flags).putShort((short) tileCount);
        for (byte[] tile : tiles) {
            out.put(tile);
        }
        return out.array();
    }

    static byte[] tile(int x, int y, int w, int h, int encoding, byte[] data) {
        return ByteBuffer.allocate(13 + data.length).putShort((short) x).putShort((short) y).putShort((short) w)
                .putShort((short) h).put((byte) encoding).putInt(data.length).put(data).array();
    }

    static byte[] zlib(byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] out = new byte[raw.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    private static byte[] append(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
