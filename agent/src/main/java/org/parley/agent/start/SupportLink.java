package org.parley.agent.start;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a {@code parley-support:} link carries into the key window: {@code
 * parley-support:123456789?server=https%3A%2F%2Fparley.example.org}, either part optional. The
 * values only fill in the window's fields — the person still sees them and presses Start — so a
 * link can never start a session by itself.
 */
public record SupportLink(Optional<String> key, Optional<String> server) {
    public static final String SCHEME = "parley-support:";

    public static boolean isLink(String argument) {
        return argument.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The fields in {@code link}; anything it does not understand is left out, not guessed. */
    public static SupportLink parse(String link) {
        if (!isLink(link)) {
            throw new IllegalArgumentException("a support link starts with " + SCHEME);
        }
        String rest = link.substring(SCHEME.length()).replaceFirst("^//", "");
        int query = rest.indexOf('?');
        String key = decode(query < 0 ? rest : rest.substring(0, query)).replaceAll("/+$", "").strip();
        String server = null;
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                if (pair.startsWith("server=") && server == null) {
                    server = decode(pair.substring("server=".length())).strip();
                }
            }
        }
        return new SupportLink(KeyText.problem(key).isEmpty() ? Optional.of(KeyText.digits(key)) : Optional.empty(),
                Optional.ofNullable(server).filter(s -> !s.isEmpty()));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }
}
