package org.parley.web;

/**
 * Checks for text a client sends. Control characters and lone UTF-16 surrogates are refused:
 * they are never meant in a name or an address, PostgreSQL cannot store NUL, and a lone
 * surrogate cannot be encoded as UTF-8.
 */
public final class Text {
    private Text() {
    }

    /** Trimmed, non-empty, at most {@code maxLength} characters, printable. */
    public static String check(String field, String raw, int maxLength) {
        String value = checkRaw(field, raw.strip(), maxLength);
        if (value.isEmpty()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must not be empty.");
        }
        return value;
    }

    /** As sent (not trimmed): at most {@code maxLength} characters, printable. */
    public static String checkRaw(String field, String value, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be at most " + maxLength + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw ParleyException.invalid(FieldLabel.of(field) + " must not contain control characters.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ParleyException.invalid(FieldLabel.of(field) + " is not valid Unicode text.");
            }
        }
        return value;
    }

    /**
     * Text that may run over several lines (a description): line breaks and tabs are allowed, other
     * control characters are not; CRLF becomes LF. Empty is allowed.
     */
    public static String checkMultiline(String field, String raw, int maxLength) {
        String value = raw.replace("\r\n", "\n").strip();
        checkRaw(field, value.replace('\n', ' ').replace('\t', ' '), maxLength);
        return value;
    }

    /** For echoing a client's string inside an error message. */
    static String shorten(String value) {
        String printable = value.codePoints().filter(cp -> !Character.isISOControl(cp) && !Character.isSurrogate((char) cp))
                .limit(40).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() < value.length() ? printable + "…" : printable;
    }
}
