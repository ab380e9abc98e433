package org.parley.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.parley.security.Hmac;

/**
 * The nine digits a technician reads to a customer. A billion values are few enough to guess
 * offline from a hash, so the database keeps only an HMAC under a server secret, and only until
 * the key is used or expires; online guessing is what the rate limits stop.
 */
final class SupportKey {
    static final int DIGITS = 9;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] secret;

    SupportKey(byte[] secret) {
        this.secret = secret.clone();
    }

    /** A fresh key: nine digits, leading zeros allowed. */
    static String generate() {
        return String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }

    /** The key as typed: spaces and dashes removed; empty unless nine digits remain. */
    static java.util.Optional<String> normalize(String typed) {
        String digits = typed.replaceAll("[\\s-]", "");
        return digits.length() == DIGITS && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? java.util.Optional.of(digits) : java.util.Optional.empty();
    }

    String hash(String digits) {
        return HexFormat.of().formatHex(Hmac.sha256(secret, ("parley support key " + digits).getBytes(StandardCharsets.UTF_8)));
    }
}
