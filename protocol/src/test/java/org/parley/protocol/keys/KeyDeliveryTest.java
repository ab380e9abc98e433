package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A KEY payload opens only for the session, epoch, recipient and key it was sealed for, and only as
 * sealed by the keyholder's JOIN key (README §4, HPKE auth mode).
 */
class KeyDeliveryTest {

    private static final UUID SESSION = UUID.fromString("3f1e8a20-5c4b-4d6e-8f70-112233445566");
    private static final UUID OTHER_SESSION = UUID.fromString("3f1e8a20-5c4b-4d6e-8f70-112233445567");

    private final SecureRandom random = new SecureRandom();
    private final ParticipantKeyPair recipient = ParticipantKeyPair.generate(random);
    private final EpochSecret secret = EpochSecret.random(12, random);
    private final ParticipantKeyPair keyholder = ParticipantKeyPair.generate(random);
    private final byte[] payload = KeyDelivery.seal(SESSION, secret, 7, recipient.publicKey(), keyholder);

    @Test
    void recipientOpensTheSecretAndItsEpoch() throws KeyDeliveryException {
        EpochSecret opened = KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), payload);

        assertThat(opened.sameAs(secret)).isTrue();
        assertThat(payload).hasSize(KeyDelivery.PAYLOAD_LENGTH);
        assertThat(ByteBuffer.wrap(payload).getLong()).isEqualTo(12);
    }

    @Test
    void aPayloadForAnotherSessionFailsToOpen() {
        assertRefused(() -> KeyDelivery.open(OTHER_SESSION, 7, recipient, keyholder.publicKey(), payload));
    }

    @Test
    void aPayloadWhoseEpochWasRewrittenFailsToOpen() {
        byte[] rewritten = payload.clone();
        ByteBuffer.wrap(rewritten).putLong(13);

        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), rewritten));
    }

    @Test
    void aPayloadForAnotherRecipientIdFailsToOpen() {
        assertRefused(() -> KeyDelivery.open(SESSION, 8, recipient, keyholder.publicKey(), payload));
    }

    @Test
    void aPayloadSealedByAnyoneButTheExpectedKeyholderFailsToOpen() {
        ParticipantKeyPair impostor = ParticipantKeyPair.generate(random);
        byte[] forged = KeyDelivery.seal(SESSION, EpochSecret.random(13, random), 7, recipient.publicKey(), impostor);

        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), forged));
        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, impostor.publicKey(), payload));
    }

    @Test
    void anotherParticipantsKeyCannotOpenIt() {
        ParticipantKeyPair someoneElse = ParticipantKeyPair.generate(random);

        assertRefused(() -> KeyDelivery.open(SESSION, 7, someoneElse, keyholder.publicKey(), payload));
    }

    @Test
    void alteringAnyByteMakesItFail() {
        for (int i = 0; i < payload.length; i++) {
            byte[] altered = payload.clone();
            altered[i] ^= 0x01;
            assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), altered));
        }
    }

    @Test
    void malformedPayloadsAreRefusedWithACheckedException() {
        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), Arrays.copyOf(payload, 87)));
        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), new byte[0]));
        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), new byte[KeyDelivery.PAYLOAD_LENGTH]));
        byte[] hugeEpoch = payload.clone();
        ByteBuffer.wrap(hugeEpoch).putLong(-1);
        assertRefused(() -> KeyDelivery.open(SESSION, 7, recipient, keyholder.publicKey(), hugeEpoch));
    }

    @Test
    void infoBindsEveryFieldInTheDocumentedOrder() {
        byte[] info = KeyDelivery.info(SESSION, 0x0102, 0x0304, recipient.publicKey());

        ByteBuffer b = ByteBuffer.wrap(info);
        byte[] label = new byte[14];
        b.get(label);
        assertThat(new String(label, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("parley/1 epoch");
        assertThat(new UUID(b.getLong(), b.getLong())).isEqualTo(SESSION);
        assertThat(b.getLong()).isEqualTo(0x0102);
        assertThat(b.getShort()).isEqualTo((short) 0x0304);
        assertThat(Arrays.copyOfRange(info, b.position(), info.length)).isEqualTo(recipient.publicKey());
    }

    private interface Opening {
        void open() throws KeyDeliveryException;
    }

    private static void assertRefused(Opening opening) {
        assertThatThrownBy(opening::open).isInstanceOf(KeyDeliveryException.class);
    }
}
