package org.parley.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-based fuzzing of the relay's parser, bounded and seeded so a failure can be replayed:
 * random bytes, truncations and bit flips of real envelopes either decode to an envelope that
 * encodes back to exactly the same bytes, or are refused with {@link MalformedEnvelopeException}
 * — never another exception, never a payload that reaches past the message.
 */
class EnvelopeFuzzTest {
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(4096);
    private static final int ROUNDS = 20_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 0x5eed})
    void anyBytesDecodeFaithfullyOrAreRefusedWithTheCheckedReason(long seed) {
        var random = new Random(seed);
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(random, valid(random));
            try {
                Envelope envelope = CODEC.decode(ByteBuffer.wrap(input));
                assertThat(envelope.payloadLength()).isEqualTo(input.length - EnvelopeCodec.HEADER_LENGTH);
                ByteBuffer again = CODEC.encode(envelope);
                byte[] bytes = new byte[again.remaining()];
                again.get(bytes);
                assertThat(bytes).as("round %d re-encodes to the same bytes", round).isEqualTo(input);
                decoded++;
            } catch (MalformedEnvelopeException expected) {
                assertThat(expected.offset()).isBetween(0, input.length);
                refused++;
            }
        }
        // both outcomes must really be exercised, or the property says nothing
        assertThat(decoded).isGreaterThan(ROUNDS / 20);
        assertThat(refused).isGreaterThan(ROUNDS / 20);
    }

    private static byte[] valid(Random random) {
        var type = MessageType.values()[random.nextInt(MessageType.values().length)];
        // within the type's own bounds: a MEDIA starts with its mark, a MEDIA_ACK is one u64
        int spread = (int) Math.min(64, (long) type.maxPayload() - type.minPayload() + 1);
        byte[] payload = new byte[type.minPayload() + random.nextInt(spread)];
        random.nextBytes(payload);
        int recipient = type.needsRecipient() ? 1 + random.nextInt(100) : random.nextInt(3);
        ByteBuffer encoded = CODEC.encode(Envelope.of(type, random.nextInt(), recipient, payload));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] envelope) {
        return switch (random.nextInt(5)) {
            case 0 -> envelope;
            case 1 -> {
                byte[] junk = new byte[random.nextInt(40)];
                random.nextBytes(junk);
                yield junk;
            }
            case 2 -> java.util.Arrays.copyOf(envelope, random.nextInt(envelope.length + 1));
            case 3 -> {
                byte[] flipped = envelope.clone();
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                yield flipped;
            }
            default -> {
                byte[] longer = java.util.Arrays.copyOf(envelope, envelope.length + 1 + random.nextInt(8));
                yield longer;
            }
        };
    }
}
