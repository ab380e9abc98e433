package org.parley.protocol.keys;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * KEY payloads (protocol README §4): an epoch secret sealed to one participant with HPKE (RFC 9180)
 * auth mode (§5.1.3), DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, authenticated with
 * the keyholder's own JOIN key pair: a payload opens only with the public key of the participant
 * who sealed it, so nobody without the keyholder's private key (a waiting participant, another
 * member, the relay) can make one that opens as the keyholder's.
 *
 * <pre>
 * info    = "parley/1 epoch" || sessionId (16) || u64(epoch) || u16(recipientId) || recipientPublicKey (32)
 * payload = u64(epoch) || enc (32) || ciphertext (48)        aad = empty, plaintext = the secret
 * </pre>
 *
 * Every field the relay could swap is bound in {@code info}, and the sender's key in the KEM context,
 * so a payload opens only for the session, epoch, recipient id and key it was made for, and only as
 * the sender's. Stateless and thread-safe.
 */
public final class KeyDelivery {

    /** Length of a KEY payload in bytes. */
    public static final int PAYLOAD_LENGTH = 8 + 32 + EpochSecret.LENGTH + 16;

    private static final int ENC_OFFSET = 8;
    private static final int CIPHERTEXT_OFFSET = ENC_OFFSET + 32;
    private static final byte[] NO_AAD = new byte[0];

    private KeyDelivery() {
    }

    /** The HPKE {@code info} of a KEY payload. */
    public static byte[] info(UUID sessionId, long epoch, int recipientId, byte[] recipientPublicKey) {
        Objects.requireNonNull(sessionId, "sessionId");
        requirePublicKey(recipientPublicKey);
        return Encoding.of("parley/1 epoch").uuid(sessionId).u64(epoch).u16(new Kid(epoch, recipientId).sender())
                .bytes(recipientPublicKey).toBytes();
    }

    /**
     * Seals {@code secret} to the recipient with a fresh ephemeral key, authenticated as {@code sender}
     * (our JOIN key pair).
     */
    public static byte[] seal(UUID sessionId, EpochSecret secret, int recipientId, byte[] recipientPublicKey,
            ParticipantKeyPair sender) {
        Objects.requireNonNull(sender, "sender");
        byte[] info = info(sessionId, secret.epoch(), recipientId, recipientPublicKey);
        HPKEContextWithEncapsulation context = hpke().setupAuthS(
                new X25519PublicKeyParameters(recipientPublicKey, 0), info, sender.asBouncyCastle());
        byte[] ciphertext;
        try {
            ciphertext = context.seal(NO_AAD, secret.bytes());
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e); // sealing has no bad input
        }
        return ByteBuffer.allocate(PAYLOAD_LENGTH).putLong(secret.epoch()).put(context.getEncapsulation())
                .put(ciphertext).array();
    }

    /**
     * Opens a KEY payload addressed to us.
     *
     * @param recipientId our session-local id, as the keyholder addressed us
     * @param recipient the key pair whose public key we sent in our JOIN
     * @param senderPublicKey the JOIN public key of the participant we accept keys from (the keyholder)
     * @throws KeyDeliveryException if the payload is malformed or does not open for exactly this
     *     session, recipient and key, and the epoch it names, as sealed by the holder of {@code senderPublicKey}
     */
    public static EpochSecret open(UUID sessionId, int recipientId, ParticipantKeyPair recipient, byte[] senderPublicKey,
            byte[] payload) throws KeyDeliveryException {
        requirePublicKey(senderPublicKey);
        if (payload.length != PAYLOAD_LENGTH) {
            throw new KeyDeliveryException("KEY payload must be " + PAYLOAD_LENGTH + " bytes, got " + payload.length);
        }
        long epoch = ByteBuffer.wrap(payload).getLong();
        if (epoch < 0 || epoch > EpochSecret.MAX_EPOCH) {
            throw new KeyDeliveryException("KEY payload names epoch " + Long.toUnsignedString(epoch)
                    + ", above the maximum " + EpochSecret.MAX_EPOCH);
        }
        byte[] info = info(sessionId, epoch, recipientId, recipient.publicKey());
        byte[] enc = Arrays.copyOfRange(payload, ENC_OFFSET, CIPHERTEXT_OFFSET);
        try {
            HPKEContext context = hpke().setupAuthR(enc, recipient.asBouncyCastle(), info,
                    new X25519PublicKeyParameters(senderPublicKey, 0));
            return EpochSecret.of(epoch, context.open(NO_AAD, payload, CIPHERTEXT_OFFSET,
                    PAYLOAD_LENGTH - CIPHERTEXT_OFFSET));
        } catch (InvalidCipherTextException e) {
            throw new KeyDeliveryException("KEY payload for epoch " + epoch + " does not open for recipient "
                    + recipientId + " in session " + sessionId + " as sealed by that sender");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bouncy Castle refuses a degenerate enc (e.g. a low-order point) with these.
            throw new KeyDeliveryException("KEY payload for epoch " + epoch + " has an unusable enc: " + e.getMessage());
        }
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
    }

    private static void requirePublicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != ParticipantKeyPair.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("a participant's public key must be " + ParticipantKeyPair.PUBLIC_KEY_LENGTH
                    + " bytes, got " + publicKey.length);
        }
    }
}
