package org.parley.protocol.sframe;

import java.util.Optional;
import org.parley.protocol.Hkdf;

/**
 * The SFrame cipher suites this implementation speaks (RFC 9605 §4.5, §8.1): AES-GCM with a
 * 128-bit tag. Each suite fixes the hash of its HKDF (§4.4.2) and the AEAD's key, nonce and tag
 * sizes.
 */
public enum CipherSuite {
    /** {@code AES_128_GCM_SHA256_128}, the Parley default. */
    AES_128_GCM_SHA256_128(0x0004, 16, 32, Hkdf.sha256()),
    /** {@code AES_256_GCM_SHA512_128}. */
    AES_256_GCM_SHA512_128(0x0005, 32, 64, Hkdf.sha512());

    /** AEAD nonce length {@code Nn} in bytes, the same for every suite here. */
    public static final int NONCE_LENGTH = 12;
    /** AEAD tag length {@code Nt} in bytes, the same for every suite here. */
    public static final int TAG_LENGTH = 16;

    private final int id;
    private final int keyLength;
    private final int hashLength;
    private final Hkdf hkdf;

    CipherSuite(int id, int keyLength, int hashLength, Hkdf hkdf) {
        this.id = id;
        this.keyLength = keyLength;
        this.hashLength = hashLength;
        this.hkdf = hkdf;
    }

    /** The IANA code point (RFC 9605 §8.1). */
    public int id() {
        return id;
    }

    /** AEAD key length {@code Nk} in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Hash output length {@code Nh} in bytes: the length of a base key for this suite. */
    public int hashLength() {
        return hashLength;
    }

    /** The HKDF of RFC 9605 §4.4.2 for this suite. */
    Hkdf hkdf() {
        return hkdf;
    }

    /** The suite with this code point, empty for one we do not implement. */
    public static Optional<CipherSuite> of(int id) {
        for (CipherSuite suite : values()) {
            if (suite.id == id) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
