package org.parley.machine;

import java.util.Locale;

/**
 * How a connection attempt went, as its row in the owner's connection list says. {@code REQUESTED}
 * is a ticket handed out but not (yet) used at the relay.
 */
enum Outcome {
    REQUESTED, CONNECTED, ENDED, REFUSED_PAUSED, REFUSED_REVOKED, OFFLINE, WRONG_PASSWORD, LOCKED_OUT;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
