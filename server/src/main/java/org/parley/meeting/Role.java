package org.parley.meeting;

import java.util.Locale;

/** How a signed-in person relates to a meeting; someone with no role gets 404. */
enum Role {
    ORGANIZER, INVITEE, REGISTRANT;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
