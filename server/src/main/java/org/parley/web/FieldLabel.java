package org.parley.web;

import java.util.Map;

/**
 * The words a person reads for a request field in an error: "First name must not be empty.", not
 * "firstName must not be empty." The API's field names stay what they are; only the sentence
 * changes. Known fields get their form's label; any other camelCase name is spelled out.
 */
public final class FieldLabel {
    private static final Map<String, String> KNOWN = Map.of(
            "startsAt", "Start",
            "durationMinutes", "Duration (minutes)",
            "email", "Email address",
            "pausedUntil", "Paused until",
            "timeZone", "Time zone",
            "qualityDays", "Quality reports (days)",
            "securityLogDays", "Security log (days)",
            "effectiveAt", "Takes effect",
            "text", "Policy text");

    private FieldLabel() {
    }

    /** "firstName" → "First name"; "invitees" → "Invitees"; a nested "a.b" is labelled by its last part. */
    public static String of(String field) {
        String name = field.substring(field.lastIndexOf('.') + 1);
        String known = KNOWN.get(name);
        if (known != null) {
            return known;
        }
        StringBuilder words = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0) {
                words.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        return words.toString();
    }
}
