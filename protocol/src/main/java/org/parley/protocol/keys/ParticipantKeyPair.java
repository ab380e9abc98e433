package org.parley.protocol.keys;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A participant's X25519 key pair, fresh for each join (protocol README §4). The public key travels
 * in the JOIN as 32 raw bytes, the form WebCrypto's {@code exportKey("raw")} gives. Immutable.
 */
public final class ParticipantKeyPair {

    /** Length of a raw X25519 public key. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Length of a raw X25519 private key. */
    public static final int PRIVATE_KEY_LENGTH = 32;

    private final X25519PrivateKeyParameters privateKey;
    private final X25519PublicKeyParameters publicKey;

    private ParticipantKeyPair(X25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    /** A new random key pair. */
    public static ParticipantKeyPair generate(SecureRandom random) {
        return new ParticipantKeyPair(new X25519PrivateKeyParameters(random));
    }

    /** The key pair of this raw 32-byte private key (RFC 7748 clamping applies); for tests and vectors. */
    public static ParticipantKeyPair fromPrivateKey(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is " + PRIVATE_KEY_LENGTH
                    + " bytes, got " + privateKey.length);
        }
        return new ParticipantKeyPair(new X25519PrivateKeyParameters(privateKey, 0));
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.getEncoded();
    }

    /** The raw 32-byte private key; only tests and vector generators need it. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    /**
     * X25519(our private key, {@code peerPublicKey}) (RFC 7748 §5), 32 bytes.
     *
     * @throws IllegalArgumentException if the peer's key is not 32 bytes or gives the all-zero value (§6.1)
     */
    byte[] agree(byte[] peerPublicKey) {
        if (peerPublicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, got "
                    + peerPublicKey.length);
        }
        byte[] shared = new byte[32];
        try {
            privateKey.generateSecret(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
        } catch (IllegalStateException allZero) {
            throw new IllegalArgumentException("X25519 with this public key gives the all-zero value", allZero);
        }
        return shared;
    }

    AsymmetricCipherKeyPair asBouncyCastle() {
        return new AsymmetricCipherKeyPair(publicKey, privateKey);
    }

    @Override
    public String toString() {
        return "ParticipantKeyPair[public=" + HexFormat.of().formatHex(publicKey.getEncoded()) + "]";
    }
}
