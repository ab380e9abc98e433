package org.parley.protocol.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.parley.protocol.Hkdf;

/**
 * The code people compare out of band to detect a relay in the middle (protocol README §6):
 * 8 bytes {@code HKDF-Expand(HKDF-Extract("parley/1 verify", secret), "parley/1 verify" || pk_1 ||
 * … || pk_n, 8)} over the public keys sorted by unsigned bytes, shown as four groups of four digits.
 *
 * @param text the code as shown, e.g. {@code "0421 9983 1207 5530"}
 */
public record VerificationCode(String text) {

    private static final byte[] SALT = Encoding.utf8("parley/1 verify");

    /** Rejects a text that is not four space-separated groups of four digits. */
    public VerificationCode {
        Objects.requireNonNull(text, "text");
        if (!text.matches("\\d{4} \\d{4} \\d{4} \\d{4}")) {
            throw new IllegalArgumentException("a verification code is \"dddd dddd dddd dddd\", got \"" + text + "\"");
        }
    }

    static VerificationCode of(byte[] secret, Iterable<byte[]> publicKeys) {
        List<byte[]> sorted = new ArrayList<>();
        for (byte[] key : publicKeys) {
            if (key.length != ParticipantKeyPair.PUBLIC_KEY_LENGTH) {
                throw new IllegalArgumentException("a public key is " + ParticipantKeyPair.PUBLIC_KEY_LENGTH
                        + " bytes, got " + key.length);
            }
            sorted.add(key);
        }
        sorted.sort(Arrays::compareUnsigned);
        Encoding info = Encoding.of("parley/1 verify");
        sorted.forEach(info::bytes);
        byte[] v = Hkdf.sha256().derive(SALT, secret, info.toBytes(), 8);
        StringBuilder text = new StringBuilder(19);
        for (int i = 0; i < 4; i++) {
            int group = ((v[2 * i] & 0xff) << 8 | (v[2 * i + 1] & 0xff)) % 10_000;
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%04d", group));
        }
        return new VerificationCode(text.toString());
    }
}
