package org.parley.meeting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A meeting, webinar or training as stored. {@code calendarSequence} is the iCalendar SEQUENCE,
 * raised on every change so calendar programs replace the older invite (RFC 5546 §2.1.4).
 *
 * @param admitSignedInInvitees the organizer lets invitees who are signed in into the session
 *        without a click (protocol README §8, "vouched"): this trusts the server's sign-in where
 *        the invitation link's key would prove the invitation end to end
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
        List<Occurrence> occurrences,
        int calendarSequence,
        Instant createdAt,
        Optional<Instant> cancelledAt,
        boolean admitSignedInInvitees) {

    public Occurrence firstOccurrence() {
        return occurrences.getFirst();
    }

    /** The end of the last session, or of the last occurrence of a repeating meeting. */
    public Instant endsAt() {
        Occurrence last = occurrences.getLast();
        return recurrence.map(rule -> lastOccurrence(last.startsAt(), rule).plus(last.duration())).orElse(last.endsAt());
    }

    /** Start of the last occurrence of a rule of ours, "FREQ=DAILY|WEEKLY|MONTHLY;COUNT=n", in the meeting's zone. */
    private Instant lastOccurrence(Instant first, String rule) {
        var parts = java.util.Arrays.stream(rule.split(";")).map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> p[1]));
        int repeats = Integer.parseInt(parts.get("COUNT")) - 1;
        var start = java.time.ZonedDateTime.ofInstant(first, timeZone);
        return switch (parts.get("FREQ")) {
            case "DAILY" -> start.plusDays(repeats).toInstant();
            case "WEEKLY" -> start.plusWeeks(repeats).toInstant();
            case "MONTHLY" -> start.plusMonths(repeats).toInstant();
            default -> throw new IllegalStateException("a recurrence rule we did not write: " + rule);
        };
    }

    public boolean cancelled() {
        return cancelledAt.isPresent();
    }
}
