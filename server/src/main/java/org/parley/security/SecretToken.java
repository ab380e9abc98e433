package org.parley.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A random 256-bit token handed to a client (cookie, mail link). Only its SHA-256 hash is stored,
 * so a copy of the database does not let anyone use a token.
 */
public record SecretToken(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static SecretToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String hash() {
        return sha256Hex(value);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** A token of the shape we issue: 43 base64url characters. Anything else is not worth a lookup. */
    public static boolean wellFormed(String candidate) {
        return candidate != null && candidate.length() == 43 && candidate.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    @Override
    public String toString() {
        return "SecretToken[redacted]";
    }
}
