package org.parley.meeting;

import java.util.Optional;
import java.util.UUID;

/**
 * Someone the server lets into a meeting's relay: the organizer, a signed-in invitee or
 * registrant, or a registrant with their personal link. Who they are is what the roster shows;
 * keys are still the participants' business (DESIGN.md §3).
 *
 * @param session the session of a training that is on now (1 for meetings and webinars)
 * @param vouchedInvitee a signed-in invitee of a meeting whose organizer lets those in without a
 *        click: the roster says so (protocol README §8, "vouched") and keyholders admit them
 */
public record Attendee(UUID meetingId, String role, Optional<UUID> accountId, String name, Optional<String> email, int session,
                       boolean vouchedInvitee) {
    public boolean organizer() {
        return role.equals("organizer");
    }
}
