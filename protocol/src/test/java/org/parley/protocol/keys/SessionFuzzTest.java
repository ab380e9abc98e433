package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameException.Reason;

/**
 * Property: a receive loop fed arbitrary DATA or KEY payloads only ever sees the checked refusals
 * {@link SFrameException} and {@link KeyDeliveryException}. Seeded and bounded (under five seconds).
 */
class SessionFuzzTest {

    private static final long SEED = 20261123L;
    private static final UUID SESSION = UUID.fromString("11111111-2222-4333-8444-555555555555");

    @Test
    @Timeout(5)
    void mangledFramesFromAnyEnvelopeSenderOnlyGetACheckedRefusal() {
        Random random = new Random(SEED);
        EpochSecret epoch = EpochSecret.of(3, new byte[32]);
        SessionKeys sender = new SessionKeys(2, CipherSuite.AES_128_GCM_SHA256_128);
        SessionKeys receiver = new SessionKeys(1, CipherSuite.AES_128_GCM_SHA256_128);
        sender.install(epoch);
        receiver.install(epoch);
        Set<Reason> seen = EnumSet.noneOf(Reason.class);

        for (int i = 0; i < 20_000; i++) {
            byte[] frame = sender.seal(new byte[random.nextInt(40)]);
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> frame;
                case 1 -> Arrays.copyOf(frame, random.nextInt(frame.length + 1));
                case 2 -> flipOneBit(random, frame);
                default -> randomBytes(random, random.nextInt(40));
            };
            int envelopeSender = random.nextInt(8) == 0 ? random.nextInt() : 2;
            try {
                receiver.open(envelopeSender, input);
                receiver.open(envelopeSender, input); // the same frame again is always refused
                throw new AssertionError("frame " + i + " opened twice");
            } catch (SFrameException e) {
                seen.add(e.reason());
            }
        }

        assertThat(seen).contains(Reason.TRUNCATED_HEADER, Reason.TRUNCATED_CIPHERTEXT, Reason.SENDER_MISMATCH,
                Reason.UNKNOWN_EPOCH, Reason.REPLAY, Reason.BAD_TAG);
    }

    @Test
    @Timeout(5)
    void mangledKeyPayloadsOnlyGetACheckedRefusal() {
        Random random = new Random(SEED);
        ParticipantKeyPair recipient = ParticipantKeyPair.fromPrivateKey(randomBytes(random, 32));
        ParticipantKeyPair keyholder = ParticipantKeyPair.fromPrivateKey(randomBytes(random, 32));
        byte[] payload = KeyDelivery.seal(SESSION, EpochSecret.of(9, new byte[32]), 4, recipient.publicKey(), keyholder);
        int refused = 0;

        for (int i = 0; i < 300; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> flipOneBit(random, payload);
                case 1 -> Arrays.copyOf(payload, random.nextInt(payload.length));
                default -> randomBytes(random, KeyDelivery.PAYLOAD_LENGTH);
            };
            try {
                KeyDelivery.open(SESSION, 4, recipient, keyholder.publicKey(), input);
            } catch (KeyDeliveryException e) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(300);
    }

    private static byte[] flipOneBit(Random random, byte[] bytes) {
        byte[] flipped = bytes.clone();
        int bit = random.nextInt(flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
