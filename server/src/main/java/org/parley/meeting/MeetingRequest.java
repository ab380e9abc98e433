package org.parley.meeting;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.account.EmailAddress;
import org.parley.web.JsonBody;
import org.parley.web.ParleyException;

/**
 * Reads and checks the body of POST and PATCH /api/v1/meetings. Every limit a person could trip
 * over has a message that says what to change.
 */
final class MeetingRequest {
    static final Set<String> FIELDS = Set.of("kind", "subject", "description", "startsAt", "durationMinutes", "timeZone",
            "recurrence", "sessions", "invitees", "registration", "admitSignedInInvitees");
    static final int SUBJECT_MAX = 200;
    static final int DESCRIPTION_MAX = 5000;
    static final int MAX_INVITEES = 200;
    /** Wrong invitee addresses quoted in one message; the rest are counted. */
    static final int MAX_NAMED = 5;
    static final int MAX_SESSIONS = 50;
    static final int MAX_QUESTIONS = 10;
    static final int QUESTION_MAX = 200;
    static final int MAX_CAPACITY = 1000;
    static final int MIN_MINUTES = 5;
    static final int MAX_MINUTES = 24 * 60;
    static final int MAX_REPEATS = 100;
    /** A start a little in the past is a clock skew or a form filled slowly, not a mistake. */
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration HORIZON = Duration.ofDays(3 * 366);

    private MeetingRequest() {
    }

    /** A new meeting; a missing start means "now". */
    static MeetingPlan create(JsonBody body, Instant now) {
        MeetingKind kind = MeetingKind.parse(body.requiredText("kind", 10));
        return plan(body, kind, Optional.empty(), now);
    }

    /** The meeting after a PATCH: fields left out keep their value. */
    static MeetingPlan update(JsonBody body, Meeting current, List<EmailAddress> currentInvitees, Instant now) {
        if (body.has("kind") && MeetingKind.parse(body.requiredText("kind", 10)) != current.kind()) {
            throw ParleyException.invalid("The kind of a meeting cannot change; create a new one instead.");
        }
        return plan(body, current.kind(), Optional.of(new Existing(current, currentInvitees)), now);
    }

    private record Existing(Meeting meeting, List<EmailAddress> invitees) {
    }

    private static MeetingPlan plan(JsonBody body, MeetingKind kind, Optional<Existing> existing, Instant now) {
        String subject = body.optionalText("subject", SUBJECT_MAX).or(() -> existing.map(e -> e.meeting().subject()))
                .orElseThrow(() -> ParleyException.invalid("subject is required."));
        String description = body.optionalMultilineText("description", DESCRIPTION_MAX)
                .or(() -> existing.map(e -> e.meeting().description())).orElse("");
        ZoneId zone = body.optionalText("timeZone", 64).map(MeetingRequest::zone)
                .or(() -> existing.map(e -> e.meeting().timeZone())).orElse(ZoneId.of("UTC"));
        List<Occurrence> sessions = sessions(body, kind, existing.map(e -> e.meeting().occurrences()), now);
        // "recurrence": null on a PATCH makes a repeating meeting a single one
        Optional<String> recurrence = body.mentions("recurrence") ? recurrence(body, kind)
                : existing.flatMap(e -> e.meeting().recurrence());
        List<EmailAddress> invitees = body.optionalTextList("invitees", MAX_INVITEES, 254).map(MeetingRequest::invitees)
                .or(() -> existing.map(Existing::invitees)).orElse(List.of());
        MeetingPlan.Registration registration = body.has("registration") ? registration(body, kind)
                : existing.map(e -> new MeetingPlan.Registration(e.meeting().questions(), e.meeting().approval(), e.meeting().capacity()))
                        .orElse(MeetingPlan.Registration.NONE);
        boolean admitSignedInInvitees = body.optionalBoolean("admitSignedInInvitees")
                .or(() -> existing.map(e -> e.meeting().admitSignedInInvitees())).orElse(false);
        return new MeetingPlan(kind, subject, description, zone, recurrence, sessions, invitees, registration,
                admitSignedInInvitees);
    }

    private static List<Occurrence> sessions(JsonBody body, MeetingKind kind, Optional<List<Occurrence>> current, Instant now) {
        if (body.has("sessions")) {
            if (kind != MeetingKind.TRAINING) {
                throw ParleyException.invalid("Only a training has several sessions; use startsAt and durationMinutes.");
            }
            if (body.has("startsAt") || body.has("durationMinutes")) {
                throw ParleyException.invalid("Give either sessions or startsAt and durationMinutes, not both.");
            }
            var items = body.optionalObjectList("sessions", MAX_SESSIONS, Set.of("startsAt", "durationMinutes")).orElseThrow();
            if (items.isEmpty()) {
                throw ParleyException.invalid("A training needs at least one session.");
            }
            var times = new ArrayList<Occurrence>();
            for (JsonBody item : items) {
                times.add(new Occurrence(0, start(item.requiredText("startsAt", 40), now), minutes(item).orElseThrow(() ->
                        ParleyException.invalid("sessions[].durationMinutes is required."))));
            }
            return numbered(times);
        }
        if (current.isPresent() && !body.has("startsAt") && !body.has("durationMinutes")) {
            return current.get();
        }
        if (current.isPresent() && current.get().size() > 1) {
            throw ParleyException.invalid("This training has several sessions: change them with \"sessions\".");
        }
        Instant start = body.optionalText("startsAt", 40).map(s -> start(s, now))
                .or(() -> current.map(c -> c.getFirst().startsAt())).orElse(now);
        Duration length = minutes(body).or(() -> current.map(c -> c.getFirst().duration())).orElse(Duration.ofMinutes(60));
        return List.of(new Occurrence(1, start, length));
    }

    private static List<Occurrence> numbered(List<Occurrence> times) {
        var sorted = times.stream().sorted(Comparator.comparing(Occurrence::startsAt)).toList();
        var out = new ArrayList<Occurrence>();
        for (int i = 0; i < sorted.size(); i++) {
            Occurrence s = sorted.get(i);
            if (i > 0 && s.startsAt().isBefore(out.get(i - 1).endsAt())) {
                throw ParleyException.invalid("Sessions must not overlap: session " + (i + 1) + " starts before session " + i + " ends.");
            }
            out.add(new Occurrence(i + 1, s.startsAt(), s.duration()));
        }
        return out;
    }

    private static Instant start(String text, Instant now) {
        Instant start;
        try {
            start = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ParleyException.invalid("startsAt must be a date and time with its offset, such as 2027-03-01T10:00:00Z or "
                    + "2027-03-01T11:00:00+01:00.");
        }
        if (start.isBefore(now.minus(GRACE))) {
            throw ParleyException.invalid("The start is in the past; choose a time from now on.");
        }
        if (start.isAfter(now.plus(HORIZON))) {
            throw ParleyException.invalid("startsAt is more than three years ahead.");
        }
        return start;
    }

    private static Optional<Duration> minutes(JsonBody body) {
        return body.optionalInteger("durationMinutes", MIN_MINUTES, MAX_MINUTES).map(Duration::ofMinutes);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ParleyException.invalid("timeZone must be a time zone name such as Europe/Berlin or America/New_York.");
        }
    }

    /** {"frequency": "daily"|"weekly"|"monthly", "count": 2..100} → an RRULE value. */
    private static Optional<String> recurrence(JsonBody body, MeetingKind kind) {
        var rule = body.optionalObject("recurrence", Set.of("frequency", "count"));
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        if (kind != MeetingKind.MEETING) {
            throw ParleyException.invalid("Only meetings repeat; a training has a list of sessions instead.");
        }
        String frequency = switch (rule.get().requiredText("frequency", 10)) {
            case "daily" -> "DAILY";
            case "weekly" -> "WEEKLY";
            case "monthly" -> "MONTHLY";
            default -> throw ParleyException.invalid("recurrence.frequency must be \"daily\", \"weekly\" or \"monthly\".");
        };
        int count = rule.get().optionalInteger("count", 2, MAX_REPEATS)
                .orElseThrow(() -> ParleyException.invalid("recurrence.count is required (2 to " + MAX_REPEATS + ")."));
        return Optional.of("FREQ=" + frequency + ";COUNT=" + count);
    }

    /** Every wrong entry is named at once: someone who pasted a long list fixes it in one go, not one refusal at a time. */
    private static List<EmailAddress> invitees(List<String> raw) {
        var unique = new LinkedHashSet<EmailAddress>();
        var wrong = new ArrayList<String>();
        for (String address : raw) {
            EmailAddress.tryParse(address).ifPresentOrElse(unique::add, () -> wrong.add(address.strip()));
        }
        if (!wrong.isEmpty()) {
            throw ParleyException.invalid(notAddresses(wrong) + " Please correct the invitee list, one address per line, "
                    + "such as name@example.com.");
        }
        return List.copyOf(unique);
    }

    /** "“bob@@example” is not an email address."; several: "“a”, “b” and 3 more are not email addresses." */
    static String notAddresses(List<String> wrong) {
        int shown = Math.min(wrong.size(), MAX_NAMED);
        var names = wrong.subList(0, shown).stream().map(w -> "\u201c" + w + "\u201d").toList();
        if (wrong.size() == 1) {
            return names.getFirst() + " is not an email address.";
        }
        String list = wrong.size() > shown
                ? String.join(", ", names) + " and " + (wrong.size() - shown) + " more"
                : String.join(", ", names.subList(0, shown - 1)) + " and " + names.getLast();
        return list + " are not email addresses.";
    }

    private static MeetingPlan.Registration registration(JsonBody body, MeetingKind kind) {
        var settings = body.optionalObject("registration", Set.of("fields", "approval", "capacity"));
        if (settings.isEmpty()) {
            return MeetingPlan.Registration.NONE;
        }
        if (!kind.hasRegistration()) {
            throw ParleyException.invalid("Only webinars and trainings have registration; invite people to a meeting instead.");
        }
        var questions = settings.get().optionalTextList("fields", MAX_QUESTIONS, QUESTION_MAX).orElse(List.of());
        if (new LinkedHashSet<>(questions).size() != questions.size()) {
            throw ParleyException.invalid("registration.fields has the same question twice.");
        }
        return new MeetingPlan.Registration(questions, settings.get().optionalBoolean("approval").orElse(false),
                settings.get().optionalInteger("capacity", 1, MAX_CAPACITY));
    }
}
