package org.parley.machine;

import java.util.Locale;

/** A machine's access as its owner set it; {@link Machine#status} adds that a pause runs out. */
enum Status {
    PENDING, ENABLED, PAUSED, REVOKED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Status fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
