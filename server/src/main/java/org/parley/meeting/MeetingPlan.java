package org.parley.meeting;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.parley.account.EmailAddress;

/**
 * A meeting as the organizer asks for it, already validated: what {@link MeetingRequest} makes of
 * a request body, and what {@link Meetings} stores. Recurrence is an RRULE value we built ourselves.
 */
record MeetingPlan(
        MeetingKind kind,
        String subject,
        String description,
        ZoneId timeZone,
        Optional<String> recurrence,
        List<Occurrence> occurrences,
        List<EmailAddress> invitees,
        Registration registration,
        boolean admitSignedInInvitees) {

    /** Registration settings of a webinar or training; {@link #NONE} for a meeting. */
    record Registration(List<String> questions, boolean approval, Optional<Integer> capacity) {
        static final Registration NONE = new Registration(List.of(), false, Optional.empty());
    }
}
