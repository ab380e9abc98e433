package org.parley.meeting;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.parley.account.EmailAddress;
import org.parley.mail.Mail;

/**
 * iCalendar (RFC 5545) invitations made with ical4j, following iTIP (RFC 5546): METHOD:REQUEST
 * for a new or changed meeting (a higher SEQUENCE replaces the older copy in the calendar) and
 * METHOD:CANCEL to remove it. Times are written in UTC, which every calendar program imports.
 * One VEVENT per session, with a UID stable across updates.
 */
final class CalendarInvite {
    static final String PRODUCT = "-//Parley//Parley 0.1//EN";

    enum Method { REQUEST, CANCEL }

    private CalendarInvite() {
    }

    /**
     * @param attendees who the invite is addressed to (the invitees, or the one registrant)
     * @param joinUrl   the link to the meeting page; never carries the session secret
     */
    static String of(Meeting meeting, MeetingStore.Organizer organizer, List<EmailAddress> attendees, URI joinUrl,
                     Method method, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method == Method.REQUEST ? ImmutableMethod.REQUEST : ImmutableMethod.CANCEL);
        for (Occurrence session : meeting.occurrences()) {
            calendar.add(event(meeting, session, organizer, attendees, joinUrl, method, now));
        }
        return calendar.toString();
    }

    private static VEvent event(Meeting meeting, Occurrence session, MeetingStore.Organizer organizer, List<EmailAddress> attendees,
                                URI joinUrl, Method method, Instant now) {
        String summary = meeting.occurrences().size() > 1
                ? meeting.subject() + " (session " + session.number() + " of " + meeting.occurrences().size() + ")"
                : meeting.subject();
        VEvent event = new VEvent(session.startsAt(), session.endsAt(), summary);
        event.add(new Uid(meeting.id() + "-" + session.number() + "@parley"));
        event.add(new DtStamp(now));
        event.add(new Sequence(meeting.calendarSequence()));
        event.add(new Url(joinUrl));
        event.add(new Description(describe(meeting, joinUrl)));
        event.add(new Organizer(new ParameterList(List.of(new Cn(organizer.name()))), mailto(organizer.email())));
        for (EmailAddress attendee : attendees) {
            event.add(new Attendee(new ParameterList(List.of(Role.REQ_PARTICIPANT, PartStat.NEEDS_ACTION, Rsvp.FALSE)),
                    mailto(attendee)));
        }
        meeting.recurrence().ifPresent(rule -> event.add(new RRule<Instant>(rule)));
        event.add(method == Method.CANCEL ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }

    private static String describe(Meeting meeting, URI joinUrl) {
        String text = meeting.description().isBlank() ? "" : meeting.description() + "\n\n";
        return text + "Join: " + joinUrl;
    }

    /** Quoted by the URI constructor: a local part may hold characters such as {, | or ^. */
    private static URI mailto(EmailAddress address) {
        try {
            return new URI("mailto", address.value(), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("an address we accepted does not form a mailto URI: " + e.getMessage(), e);
        }
    }

    static Mail.Attachment attachment(String ics, Method method) {
        return new Mail.Attachment(method == Method.CANCEL ? "cancel.ics" : "invite.ics",
                "text/calendar; method=" + method.name(), ics);
    }
}
