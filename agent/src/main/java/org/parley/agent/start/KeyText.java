package org.parley.agent.start;

import java.util.Optional;

/**
 * A support key as a person types it: nine digits, grouped or not ({@code 123 456 789},
 * {@code 123-456-789}). The problem, if any, is said in the person's terms.
 */
public final class KeyText {
    private static final int DIGITS = 9;

    private KeyText() {
    }

    /** The digits of a key {@link #problem} found nothing wrong with. */
    public static String digits(String typed) {
        return typed.replaceAll("[\\s\\-.]", "");
    }

    /** What is wrong with {@code typed} as a support key, or empty if it is one. */
    public static Optional<String> problem(String typed) {
        String digits = digits(typed);
        if (digits.isEmpty()) {
            return Optional.of("Type the nine-digit support key your technician gave you.");
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("A support key has only digits, e.g. 123 456 789.");
        }
        if (digits.length() != DIGITS) {
            return Optional.of("A support key is nine digits; this one has " + digits.length() + ".");
        }
        return Optional.empty();
    }
}
