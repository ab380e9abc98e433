package org.parley.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.web.ParleyException;

/** An email address as we accept it for a login: one @, a dotted domain, at most 254 characters, lower case. */
public record EmailAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public EmailAddress {
        if (!wellFormed(value)) {
            throw ParleyException.invalid("Please enter a valid email address, such as name@example.com.");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static EmailAddress parse(String raw) {
        return new EmailAddress(raw.strip());
    }

    /** The address, or empty where {@code raw} is none: for a list whose message must name the wrong entries. */
    public static Optional<EmailAddress> tryParse(String raw) {
        String value = raw.strip();
        return wellFormed(value) ? Optional.of(new EmailAddress(value)) : Optional.empty();
    }

    private static boolean wellFormed(String value) {
        return value.length() <= 254 && SHAPE.matcher(value).matches() && !value.contains("..")
                && !value.startsWith(".") && !value.contains(".@");
    }

    @Override
    public String toString() {
        return value;
    }
}
