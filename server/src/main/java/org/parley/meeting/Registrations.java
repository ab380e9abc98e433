package org.parley.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.parley.account.EmailAddress;
import org.parley.mail.Mailer;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Public registration for webinars and trainings, the organizer's approval, the registrant's own
 * removal, and reminders. A registrant's details serve this event's mail and nothing else.
 */
final class Registrations {
    static final Duration REMIND_BEFORE = Duration.ofHours(1);
    private final Jdbi jdbi;
    private final MeetingStore meetings;
    private final RegistrationStore store;
    private final Mailer mailer;
    private final MeetingMails mails;
    private final RegistrationTokens tokens;
    private final Clock clock;

    Registrations(Jdbi jdbi, MeetingStore meetings, RegistrationStore store, Mailer mailer, MeetingMails mails,
                  RegistrationTokens tokens, Clock clock) {
        this.jdbi = jdbi;
        this.meetings = meetings;
        this.store = store;
        this.mailer = mailer;
        this.mails = mails;
        this.tokens = tokens;
        this.clock = clock;
    }

    record Applicant(String firstName, String lastName, EmailAddress email, Map<String, String> answers) {
    }

    /** What the public registration page shows: a webinar or training that exists; a meeting is 404. */
    Meeting publicEvent(UUID id) {
        return meetings.find(id).filter(m -> m.kind().hasRegistration()).orElseThrow(ParleyException::notFound);
    }

    int seatsTaken(UUID id) {
        return jdbi.withHandle(h -> store.seatsTaken(h, id));
    }

    Registrant register(UUID meetingId, Applicant applicant) {
        Meeting event = publicEvent(meetingId);
        Instant now = clock.instant();
        if (event.cancelled()) {
            throw new ParleyException(Failure.GONE, "This event was cancelled; registration is closed.");
        }
        if (!event.endsAt().isAfter(now)) {
            throw new ParleyException(Failure.GONE, "This event is over; registration is closed.");
        }
        var answers = answers(event, applicant.answers());
        var registrant = new Registrant(UUID.randomUUID(), meetingId, applicant.email(), applicant.firstName(), applicant.lastName(),
                answers, event.approval() ? Registrant.Status.PENDING : Registrant.Status.APPROVED, now);
        SecretToken token = tokens.of(registrant.id());
        try {
            jdbi.useTransaction(h -> {
                if (store.exists(h, meetingId, applicant.email())) {
                    throw duplicate();
                }
                if (event.capacity().isPresent() && store.seatsTaken(h, meetingId) >= event.capacity().get()) {
                    throw new ParleyException(Failure.CONFLICT, "This event is full.");
                }
                store.insert(h, registrant, token.hash());
            });
        } catch (UnableToExecuteStatementException raced) {
            // two registrations of one address at once: the unique index lets one in
            if (store.findByEmail(meetingId, applicant.email()).isPresent()) {
                throw duplicate();
            }
            throw raced;
        }
        var organizer = meetings.organizer(event.organizerId()).orElseThrow();
        mailer.send(registrant.status() == Registrant.Status.APPROVED
                ? mails.registered(event, organizer, registrant, token, now)
                : mails.pending(event, registrant, token));
        return registrant;
    }

    /** The organizer approves or declines; an approved registrant gets the personal link. */
    Registrant decide(Meeting event, UUID registrationId, Registrant.Status decision) {
        Registrant r = store.find(event.id(), registrationId).orElseThrow(ParleyException::notFound);
        if (r.status() == decision) {
            return r;
        }
        if (decision == Registrant.Status.APPROVED && event.capacity().isPresent() && r.status() == Registrant.Status.DECLINED
                && seatsTaken(event.id()) >= event.capacity().get()) {
            throw new ParleyException(Failure.CONFLICT, "This event is full.");
        }
        store.setStatus(r.id(), decision);
        SecretToken token = tokens.of(r.id());
        var decided = new Registrant(r.id(), r.meetingId(), r.email(), r.firstName(), r.lastName(), r.answers(), decision,
                r.registeredAt());
        var organizer = meetings.organizer(event.organizerId()).orElseThrow();
        mailer.send(decision == Registrant.Status.APPROVED
                ? mails.registered(event, organizer, decided, token, clock.instant())
                : mails.declined(event, decided));
        return decided;
    }

    /** The registration a personal link stands for. */
    Registrant byToken(String token) {
        if (!SecretToken.wellFormed(token)) {
            throw invalidLink();
        }
        return store.findByToken(new SecretToken(token).hash()).orElseThrow(Registrations::invalidLink);
    }

    private static ParleyException invalidLink() {
        return new ParleyException(Failure.INVALID_TOKEN, "This link is not valid any more; the registration may have been removed.");
    }

    /** The registrant's own link: removes the registration and the details in it. */
    void removeByToken(String token) {
        if (!SecretToken.wellFormed(token) || !store.deleteByToken(new SecretToken(token).hash())) {
            throw new ParleyException(Failure.INVALID_TOKEN,
                    "This link is not valid any more; the registration may already be removed.");
        }
    }

    /** Mails approved registrants whose event starts within {@link #REMIND_BEFORE}; run every minute. */
    int sendReminders() {
        Instant now = clock.instant();
        int sent = 0;
        for (Registrant r : store.dueForReminder(now, now.plus(REMIND_BEFORE))) {
            var event = meetings.find(r.meetingId());
            if (event.isEmpty()) {
                continue;
            }
            store.markReminded(r.id(), now);
            mailer.send(mails.reminder(event.get(), r, tokens.of(r.id())));
            sent++;
        }
        return sent;
    }

    List<Registrant> list(UUID meetingId) {
        return store.list(meetingId);
    }

    private static Map<String, String> answers(Meeting event, Map<String, String> given) {
        var answers = new LinkedHashMap<String, String>();
        for (String question : event.questions()) {
            String answer = given.getOrDefault(question, "").strip();
            answers.put(question, answer);
        }
        for (String asked : given.keySet()) {
            if (!event.questions().contains(asked)) {
                throw ParleyException.invalid("The event does not ask \"" + shorten(asked) + "\".");
            }
        }
        return answers;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static ParleyException duplicate() {
        return new ParleyException(Failure.CONFLICT, "This email address is already registered for this event. "
                + "Look for the confirmation mail, or use its link to cancel and register again.");
    }
}
