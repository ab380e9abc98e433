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
public final class Needles {
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE);
    private final String secret;
    /** Each form as the bytes a haystack would hold (one char per byte), with what it is. */
    private final List<String[]> patterns = new ArrayList<>();

    public Needles(String secret) {
        this.secret = secret;
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.addAll(base64Forms(raw));
        for (String form : forms) {
            for (Charset charset : CHARSETS) {
                patterns.add(new String[] {new String(form.getBytes(charset), StandardCharsets.ISO_8859_1), form + " as " + charset});
            }
        }
    }

    private Needles(String label, byte[] raw) {
        this.secret = label;
        patterns.add(new String[] {bytesAsText(raw), label + " as raw bytes"});
        for (String form : base64Forms(raw)) {
            for (Charset charset : CHARSETS) {
                patterns.add(new String[] {new String(form.getBytes(charset), StandardCharsets.ISO_8859_1), label + " in base64 " + form + " as " + charset});
            }
        }
    }

    /**
     * Binary content (an encoded voice frame, a slice of a video chunk) as it would sit in memory or on
     * the wire unencrypted: the raw bytes, and base64 of them in the three charsets.
     */
    static Needles ofBytes(String label, byte[] raw) {
        return new Needles(label, raw);
    }

    // base64 at each of the three alignments the bytes can have inside a longer encoded text:
    // drop the group that mixes in the shift bytes and the last, partial group
    private static List<String> base64Forms(byte[] raw) {
        List<String> forms = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + raw.length];
            System.arraycopy(raw, 0, shifted, shift, raw.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            String stable = encoded.substring(shift == 0 ? 0 : 4, encoded.length() - 4);
            forms.add(stable);
            forms.add(stable.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    String secret() {
        return secret;
    }

    /** The forms of the secret found in {@code haystack} (read as ISO-8859-1: one char per byte). */
    public List<String> foundIn(String haystack) {
        List<String> found = new ArrayList<>();
        for (String[] pattern : patterns) {
            if (haystack.contains(pattern[0])) {
                found.add(pattern[1]);
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
