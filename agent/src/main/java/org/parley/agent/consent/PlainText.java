package org.parley.agent.consent;

import javax.swing.JLabel;

/**
 * Text from the network made safe to show: names lose format characters (a bidi override could make
 * "Alice from Bank" read as something else), become one line and are cut short; chat keeps its line breaks.
 * Components that show it must never interpret it: labels here set {@code html.disable}, and
 * everything longer is a plain {@code JTextArea}.
 */
final class PlainText {
    static final int MAX_NAME = 40;
    static final int MAX_CHAT = 4_000;

    private PlainText() {
    }

    /** A label that shows {@code text} as it is: Swing would render text starting with {@code <html>} as HTML. */
    static JLabel label(String text) {
        JLabel label = new JLabel(text);
        label.putClientProperty("html.disable", Boolean.TRUE);
        return label;
    }

    /** {@code untrusted} as a name to show: at most {@code max} characters, else "…"; blank → {@code fallback}. */
    static String name(String untrusted, int max, String fallback) {
        String clean = untrusted == null ? "" : untrusted.codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().replaceAll("\\s+", " ").strip();
        if (clean.isEmpty()) {
            return fallback;
        }
        return clean.codePointCount(0, clean.length()) <= max ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, max - 1)).strip() + "…";
    }

    /** A chat message to send or show: trimmed, control characters but line breaks dropped, cut to {@value #MAX_CHAT}. */
    static String chat(String text) {
        String clean = text.codePoints()
                .filter(c -> c == '\n' || !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        return cut(clean, MAX_CHAT);
    }

    /** The first {@code max} chars of {@code text}, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
