package org.parley.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A meeting, webinar or training as stored. {@code calendarSequence} is the iCalendar SEQUENCE,
 * raised on every change so calendar programs replace the older invite (RFC 5546 §2.1.4).
 */
public record Meeting(
        UUID id,
        MeetingKind kind,
        UUID organizerId,
        String subject,
        String description,
        ZoneId timeZone,
        Optional<String> recurrence,
        Optional<Integer> capacity,
        boolean approval,
        List<String> questions,
        List<Session> sessions,
        int calendarSequence,
        Instant createdAt,
        Optional<Instant> cancelledAt) {

    public Session firstSession() {
        return sessions.getFirst();
    }

    public Instant endsAt() {
        return sessions.getLast().endsAt();
    }

    public boolean cancelled() {
        return cancelledAt.isPresent();
    }
}
