package org.parley.account;

import java.util.Locale;
import java.util.regex.Pattern;
import org.parley.web.ParleyException;

/** An email address as we accept it for a login: one @, a dotted domain, at most 254 characters, lower case. */
public record EmailAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public EmailAddress {
        if (value.length() > 254 || !SHAPE.matcher(value).matches() || value.contains("..")
                || value.startsWith(".") || value.contains(".@")) {
            throw ParleyException.invalid("Please enter a valid email address, such as name@example.com.");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static EmailAddress parse(String raw) {
        return new EmailAddress(raw.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
