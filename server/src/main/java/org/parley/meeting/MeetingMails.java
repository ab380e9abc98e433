package org.parley.meeting;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.parley.account.EmailAddress;
import org.parley.mail.Mail;
import org.parley.security.SecretToken;

/**
 * The texts of event mail: invitations, updates, cancellations, registration confirmations and
 * reminders. All transactional: they concern one event the person is part of, and every mail to a
 * registrant carries the link to remove their registration.
 */
final class MeetingMails {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
            .withLocale(Locale.UK);
    private final MeetingLinks links;

    MeetingMails(MeetingLinks links) {
        this.links = links;
    }

    Mail invitation(Meeting m, MeetingStore.Organizer organizer, EmailAddress to, List<EmailAddress> all, boolean hasAccount, Instant now) {
        String account = hasAccount ? "" : "\nYou need a Parley account with this address to see the meeting. Create one here:\n"
                + links.register(to.value()) + "\n";
        String text = organizer.name() + " invites you to \"" + m.subject() + "\".\n\n" + schedule(m) + "\n"
                + describe(m) + "Join: " + links.meeting(m.id()) + "\n" + account
                + "\nThe invitation is attached as a calendar file (invite.ics).\n";
        return Mail.transactional(to.value(), "Invitation: " + m.subject(), text).with(CalendarInvite.attachment(
                CalendarInvite.of(m, organizer, all, links.meeting(m.id()), CalendarInvite.Method.REQUEST, now),
                CalendarInvite.Method.REQUEST));
    }

    Mail updated(Meeting m, MeetingStore.Organizer organizer, EmailAddress to, List<EmailAddress> all, Instant now) {
        String text = organizer.name() + " changed \"" + m.subject() + "\".\n\nNow: " + schedule(m) + "\n" + describe(m)
                + "Join: " + links.meeting(m.id()) + "\n\nThe attached calendar file updates the entry in your calendar.\n";
        return Mail.transactional(to.value(), "Updated: " + m.subject(), text).with(CalendarInvite.attachment(
                CalendarInvite.of(m, organizer, all, links.meeting(m.id()), CalendarInvite.Method.REQUEST, now),
                CalendarInvite.Method.REQUEST));
    }

    Mail cancelled(Meeting m, MeetingStore.Organizer organizer, EmailAddress to, List<EmailAddress> all, Instant now) {
        String text = organizer.name() + " cancelled \"" + m.subject() + "\" (" + schedule(m) + ").\n\n"
                + "The attached calendar file removes it from your calendar.\n";
        return Mail.transactional(to.value(), "Cancelled: " + m.subject(), text).with(CalendarInvite.attachment(
                CalendarInvite.of(m, organizer, all, links.meeting(m.id()), CalendarInvite.Method.CANCEL, now),
                CalendarInvite.Method.CANCEL));
    }

    Mail registered(Meeting m, MeetingStore.Organizer organizer, Registrant r, SecretToken token, Instant now) {
        String text = "Hello " + r.firstName() + ",\n\nyou are registered for \"" + m.subject() + "\" by " + organizer.name()
                + ".\n\n" + schedule(m) + "\n" + describe(m) + "Your personal join link (do not share it):\n"
                + links.personalJoin(m.id(), token) + "\n\nThe event is attached as a calendar file (invite.ics).\n" + removal(token);
        return Mail.transactional(r.email().value(), "Registered: " + m.subject(), text).with(CalendarInvite.attachment(
                CalendarInvite.of(m, organizer, List.of(r.email()), links.personalJoin(m.id(), token),
                        CalendarInvite.Method.REQUEST, now), CalendarInvite.Method.REQUEST));
    }

    Mail pending(Meeting m, Registrant r, SecretToken token) {
        String text = "Hello " + r.firstName() + ",\n\nthank you for registering for \"" + m.subject() + "\". The organizer "
                + "approves registrations for this event; you will get your join link by mail once yours is approved.\n"
                + removal(token);
        return Mail.transactional(r.email().value(), "Registration received: " + m.subject(), text);
    }

    Mail declined(Meeting m, Registrant r) {
        String text = "Hello " + r.firstName() + ",\n\nthe organizer of \"" + m.subject() + "\" could not accept your registration.\n";
        return Mail.transactional(r.email().value(), "Registration declined: " + m.subject(), text);
    }

    Mail reminder(Meeting m, Registrant r, SecretToken token) {
        String text = "Hello " + r.firstName() + ",\n\n\"" + m.subject() + "\" starts soon: " + schedule(m) + "\n\n"
                + "Your personal join link:\n" + links.personalJoin(m.id(), token) + "\n" + removal(token);
        return Mail.transactional(r.email().value(), "Starting soon: " + m.subject(), text);
    }

    Mail eventCancelled(Meeting m, MeetingStore.Organizer organizer, Registrant r, Instant now) {
        return cancelled(m, organizer, r.email(), List.of(r.email()), now);
    }

    private String removal(SecretToken token) {
        return "\n--\nYou get this mail because you registered for this event. Your details are used only for this event's "
                + "mail. To cancel your registration and remove your details: " + links.removal(token) + "\n";
    }

    private static String describe(Meeting m) {
        return m.description().isBlank() ? "\n" : "\n" + m.description() + "\n\n";
    }

    static String schedule(Meeting m) {
        var lines = new StringBuilder();
        for (Occurrence s : m.occurrences()) {
            if (m.occurrences().size() > 1) {
                lines.append("Session ").append(s.number()).append(": ");
            }
            lines.append(WHEN.format(ZonedDateTime.ofInstant(s.startsAt(), m.timeZone()))).append(" (")
                    .append(m.timeZone().getId()).append("), ").append(s.duration().toMinutes()).append(" minutes\n");
        }
        m.recurrence().ifPresent(rule -> lines.append("Repeats: ").append(rule.toLowerCase(Locale.ROOT)
                .replace("freq=", "").replace(";count=", ", ")).append(" times\n"));
        return lines.toString();
    }
}
