package org.parley.protocol.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret {@code k} an invitation link carries in its fragment ({@code #k=<base64url>}, never sent
 * to the server), and the admission proof a joiner derives from it (protocol README §5):
 * {@code HMAC-SHA256(k, "parley/1 admit" || sessionId || joinerPublicKey)}. Immutable.
 */
public final class InvitationSecret {

    /** Length of {@code k} in bytes. */
    public static final int LENGTH = 32;

    private final byte[] k;

    private InvitationSecret(byte[] k) {
        if (k.length != LENGTH) {
            throw new IllegalArgumentException("an invitation secret is " + LENGTH + " bytes, got " + k.length);
        }
        this.k = k;
    }

    /** The secret with these bytes (copied). */
    public static InvitationSecret of(byte[] k) {
        return new InvitationSecret(Objects.requireNonNull(k, "k").clone());
    }

    /** A new random secret for a new invitation link. */
    public static InvitationSecret random(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        return new InvitationSecret(k);
    }

    /**
     * The secret in a link fragment's {@code k} value (unpadded base64url).
     *
     * @throws IllegalArgumentException if it is not base64url of 32 bytes
     */
    public static InvitationSecret fromFragment(String value) {
        return new InvitationSecret(Base64.getUrlDecoder().decode(value));
    }

    /** The value for the link fragment, {@code #k=<this>}: unpadded base64url. */
    public String toFragment() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(k);
    }

    /** The 32-byte proof a joiner holding this secret puts in its JOIN. */
    public byte[] proof(UUID sessionId, byte[] joinerPublicKey) {
        byte[] message = Encoding.of("parley/1 admit").uuid(sessionId).bytes(joinerPublicKey).toBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** Whether {@code proof} is this secret's proof for the joiner, compared in constant time. */
    public boolean admits(UUID sessionId, byte[] joinerPublicKey, byte[] proof) {
        return MessageDigest.isEqual(proof(sessionId, joinerPublicKey), proof);
    }

    @Override
    public String toString() {
        return "InvitationSecret[(hidden)]";
    }
}
