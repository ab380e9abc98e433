package org.parley.protocol.access;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;

/**
 * What an agent keeps instead of its access password (README §10): the salt and the SRP verifier
 * {@code v = g^x mod N}, {@code x = H(salt | H(machineId | ":" | password))}. It lives only in the
 * agent's local file, never on the server: whoever holds it can run a dictionary attack on the
 * password. Immutable; the arrays are copied in and out.
 *
 * @param salt 32 random bytes
 * @param verifier {@code v}, unsigned big-endian padded to the length of N (256 bytes)
 */
public record AccessVerifier(byte[] salt, byte[] verifier) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /**
     * Checks the lengths and that {@code 0 < v < N}; copies both arrays.
     *
     * @throws IllegalArgumentException if either is malformed
     */
    public AccessVerifier {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(verifier, "verifier");
        if (salt.length != Srp.SALT_LENGTH) {
            throw new IllegalArgumentException("an access verifier's salt is " + Srp.SALT_LENGTH + " bytes, got " + salt.length);
        }
        if (verifier.length != Srp.LENGTH) {
            throw new IllegalArgumentException("an access verifier is " + Srp.LENGTH + " bytes, got " + verifier.length);
        }
        BigInteger v = new BigInteger(1, verifier);
        if (v.signum() == 0 || v.compareTo(Srp.GROUP.getN()) >= 0) {
            throw new IllegalArgumentException("an access verifier must be between 0 and N");
        }
        salt = salt.clone();
        verifier = verifier.clone();
    }

    /**
     * A new verifier for {@code password} on machine {@code machineId}, with a fresh random salt.
     * The password is NFC-normalised first (so is the caller's).
     *
     * @throws IllegalArgumentException if the password is empty
     */
    public static AccessVerifier generate(UUID machineId, String password, SecureRandom random) {
        byte[] salt = new byte[Srp.SALT_LENGTH];
        random.nextBytes(salt);
        return of(machineId, password, salt, random);
    }

    /** The verifier for this exact salt: for {@link #generate} and the test vectors. */
    static AccessVerifier of(UUID machineId, String password, byte[] salt, SecureRandom random) {
        var generator = new SRP6VerifierGenerator();
        generator.init(Srp.GROUP, Srp.digest(), random);
        BigInteger v = generator.generateVerifier(salt, Srp.identity(machineId), Srp.password(password));
        return new AccessVerifier(salt, Srp.pad(v));
    }

    /**
     * The verifier from the agent's file: the two values {@link #encodedSalt()} and
     * {@link #encodedVerifier()} wrote (unpadded base64url).
     *
     * @throws IllegalArgumentException if either is not base64url of the right length, naming which
     */
    public static AccessVerifier decode(String salt, String verifier) {
        return new AccessVerifier(base64url("salt", salt), base64url("verifier", verifier));
    }

    /** The salt as unpadded base64url, for a JSON file. */
    public String encodedSalt() {
        return ENCODER.encodeToString(salt);
    }

    /** The verifier as unpadded base64url, for a JSON file. */
    public String encodedVerifier() {
        return ENCODER.encodeToString(verifier);
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** A copy of the verifier bytes. */
    @Override
    public byte[] verifier() {
        return verifier.clone();
    }

    BigInteger value() {
        return new BigInteger(1, verifier);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessVerifier that && Arrays.equals(salt, that.salt) && Arrays.equals(verifier, that.verifier);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(verifier);
    }

    /** Says what it is, never the values (a verifier allows a dictionary attack on the password). */
    @Override
    public String toString() {
        return "AccessVerifier[SRP-6a, RFC 5054 2048-bit group, SHA-256]";
    }

    private static byte[] base64url(String name, String text) {
        Objects.requireNonNull(text, name);
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the access verifier's " + name + " is not base64url: " + notBase64.getMessage());
        }
    }
}
