package org.parley.session;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A secret string and every form in which a careless server could keep it: UTF-8, UTF-16 in both
 * byte orders, and base64 (standard and URL alphabets, at each of the three alignments the secret
 * can have inside a longer encoded text), each of those again in the three charsets.
 */
final class Needles {
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);
    private final String secret;
    private final List<String> forms = new ArrayList<>();

    Needles(String secret) {
        this.secret = secret;
        forms.add(secret);
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + raw.length];
            System.arraycopy(raw, 0, shifted, shift, raw.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // drop the group that mixes in the shift bytes and the last, partial group
            String stable = encoded.substring(shift == 0 ? 0 : 4, encoded.length() - 4);
            forms.add(stable);
            forms.add(stable.replace('+', '-').replace('/', '_'));
        }
    }

    String secret() {
        return secret;
    }

    /** The forms of the secret found in {@code haystack} (read as ISO-8859-1: one char per byte). */
    List<String> foundIn(String haystack) {
        List<String> found = new ArrayList<>();
        for (String form : forms) {
            for (Charset charset : CHARSETS) {
                String bytes = new String(form.getBytes(charset), StandardCharsets.ISO_8859_1);
                if (haystack.contains(bytes)) {
                    found.add(form + " as " + charset);
                }
            }
        }
        return found;
    }

    static String bytesAsText(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return secret;
    }
}
