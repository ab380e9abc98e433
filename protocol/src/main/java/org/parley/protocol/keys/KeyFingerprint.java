package org.parley.protocol.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person reads to name one participant's key (protocol README §8): the first 8 bytes of
 * {@code SHA-256("parley/1 fingerprint" || publicKey)} over the participant's 32-byte X25519 JOIN
 * public key, shown as four space-separated groups of four lowercase hex digits, e.g.
 * {@code "3f2a 9c01 77d4 e5b0"}. Hex, not digits, so it is never mistaken for a verification code.
 * <p>
 * Names, roles and ids are the server's word; a key is not. Consent and control grants name a
 * fingerprint, so a server that gives an allowed name or id to another key gets nothing. 64 bits
 * are enough against a server that must find, in the seconds a session lasts, a key of the
 * fingerprint a person already allowed (a second preimage), not against a birthday search.
 *
 * @param text the fingerprint as shown
 */
public record KeyFingerprint(String text) {

    private static final byte[] LABEL = Encoding.utf8("parley/1 fingerprint");
    private static final int BYTES = 8;

    /** Rejects a text that is not four space-separated groups of four lowercase hex digits. */
    public KeyFingerprint {
        Objects.requireNonNull(text, "text");
        if (!text.matches("[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}")) {
            throw new IllegalArgumentException("a key fingerprint is \"xxxx xxxx xxxx xxxx\" (hex), got \"" + text + "\"");
        }
    }

    /** The fingerprint of a participant's 32-byte public key. */
    public static KeyFingerprint of(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != ParticipantKeyPair.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("a public key is " + ParticipantKeyPair.PUBLIC_KEY_LENGTH
                    + " bytes, got " + publicKey.length);
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha256.update(LABEL);
        String hex = HexFormat.of().formatHex(sha256.digest(publicKey), 0, BYTES);
        return new KeyFingerprint(hex.substring(0, 4) + " " + hex.substring(4, 8) + " " + hex.substring(8, 12) + " "
                + hex.substring(12, 16));
    }

    /**
     * A fingerprint as a person types it: 16 hex digits in any case, spaces, dashes or colons
     * between them ignored ({@code "3F2A-9C01-77D4-E5B0"}, {@code "3f2a9c0177d4e5b0"}).
     *
     * @throws IllegalArgumentException if it is not 16 hex digits
     */
    public static KeyFingerprint parse(String typed) {
        Objects.requireNonNull(typed, "typed");
        String hex = typed.replaceAll("[\\s:-]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("a key fingerprint is 16 hex digits, e.g. \"3f2a 9c01 77d4 e5b0\"");
        }
        return new KeyFingerprint(hex.substring(0, 4) + " " + hex.substring(4, 8) + " " + hex.substring(8, 12) + " "
                + hex.substring(12, 16));
    }

    /** Whether {@code publicKey} is the key this fingerprint names. */
    public boolean matches(byte[] publicKey) {
        return publicKey.length == ParticipantKeyPair.PUBLIC_KEY_LENGTH && of(publicKey).equals(this);
    }

    @Override
    public String toString() {
        return text;
    }
}
