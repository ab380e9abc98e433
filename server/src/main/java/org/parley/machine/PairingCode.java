package org.parley.machine;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.parley.security.Hmac;
import org.parley.web.ParleyException;

/**
 * The code a waiting machine shows, which its owner types to approve it: eight characters from 32
 * that cannot be mistaken for one another (no I, O, 0 or 1), 40 random bits, shown as ABCD-EFGH.
 * Guessing is bounded by the approval rate limit and the code's 30 minutes.
 */
record PairingCode(String value) {
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    PairingCode {
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw ParleyException.invalid("A pairing code is eight letters and digits, such as ABCD-EFGH.");
        }
    }

    static PairingCode generate() {
        var code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new PairingCode(code.toString());
    }

    /** As a person types it: any case, with or without the dash and spaces. */
    static PairingCode parse(String typed) {
        return new PairingCode(typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT));
    }

    String display() {
        return value.substring(0, 4) + "-" + value.substring(4);
    }

    /**
     * Keyed with a server secret rather than a plain hash: 40 bits are few enough that a copy of the
     * database could otherwise be searched for the codes of machines still waiting.
     */
    String hash(byte[] key) {
        return HexFormat.of().formatHex(Hmac.sha256(key, value.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "PairingCode[redacted]";
    }
}
