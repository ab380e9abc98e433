package org.parley.meeting;

import java.util.Optional;
import java.util.UUID;

/**
 * Someone the server lets into a meeting's relay: the organizer, a signed-in invitee or
 * registrant, or a registrant with their personal link. Who they are is what the roster shows;
 * keys are still the participants' business (DESIGN.md §3).
 *
 * @param session the session of a training that is on now (1 for meetings and webinars)
 */
public record Attendee(UUID meetingId, String role, Optional<UUID> accountId, String name, Optional<String> email, int session) {
    public boolean organizer() {
        return role.equals("organizer");
    }
}
