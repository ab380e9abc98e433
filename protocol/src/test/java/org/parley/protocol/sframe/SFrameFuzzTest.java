package org.parley.protocol.sframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever bytes arrive, the header parser and {@link SFrameKey#open} either succeed or
 * refuse with {@link SFrameException}; no other exception ever reaches a receive loop. Seeded, so a
 * failure reproduces; bounded to stay well under five seconds.
 */
class SFrameFuzzTest {

    private static final long SEED = 0x5F4A3E1DL;
    private static final int ITERATIONS = 30_000;
    private static final byte[] NONE = new byte[0];

    @Test
    @Timeout(5)
    void randomTruncatedAndBitFlippedBytesOnlyEverGetACheckedRefusal() {
        Random random = new Random(SEED);
        SFrameKey[] keys = {
            SFrameKey.derive(CipherSuite.AES_128_GCM_SHA256_128, 0x2_0005, new byte[32]),
            SFrameKey.derive(CipherSuite.AES_256_GCM_SHA512_128, 5, new byte[64])};
        Set<SFrameException.Reason> seen = EnumSet.noneOf(SFrameException.Reason.class);
        int opened = 0;

        for (int i = 0; i < ITERATIONS; i++) {
            SFrameKey key = keys[i % keys.length];
            byte[] input = mutate(random, key.seal(i, NONE, randomBytes(random, random.nextInt(64))));
            try {
                SFrameHeader.decode(input, 0, input.length);
                key.open(input, NONE);
                opened++;
            } catch (SFrameException e) {
                seen.add(e.reason());
            }
        }

        assertThat(seen).contains(SFrameException.Reason.TRUNCATED_HEADER, SFrameException.Reason.MALFORMED_HEADER,
                SFrameException.Reason.TRUNCATED_CIPHERTEXT, SFrameException.Reason.BAD_TAG);
        assertThat(opened).isPositive().isLessThan(ITERATIONS); // the untouched ones
    }

    /** One of: untouched, random bytes, truncated, bit flips, a random header on a real body. */
    private static byte[] mutate(Random random, byte[] frame) {
        switch (random.nextInt(5)) {
            case 0:
                return frame;
            case 1:
                return randomBytes(random, random.nextInt(48));
            case 2:
                return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 3:
                byte[] flipped = frame.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int bit = random.nextInt(flipped.length * 8);
                    flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return flipped;
            default:
                byte[] spliced = frame.clone();
                spliced[0] = (byte) random.nextInt(256);
                return spliced;
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
