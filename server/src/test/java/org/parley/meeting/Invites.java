package org.parley.meeting;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;

/** Finds the calendar attachment of a received mail and parses it back with ical4j. */
final class Invites {
    private Invites() {
    }

    static Calendar attached(MimeMessage mail) {
        try {
            if (!(mail.getContent() instanceof Multipart parts)) {
                throw new AssertionError("mail has no attachments: " + mail.getSubject());
            }
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                if (part.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("text/calendar")) {
                    try (InputStream in = part.getInputStream()) {
                        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            throw new AssertionError("no text/calendar part in " + mail.getSubject());
        } catch (Exception e) {
            throw new AssertionError("cannot read the invite: " + e, e);
        }
    }

    static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("not a valid iCalendar file: " + e + "\n" + ics, e);
        }
    }

    static String property(Calendar calendar, String name) {
        return calendar.getProperty(name).map(p -> p.getValue()).orElse("");
    }

    static String eventProperty(Calendar calendar, String name) {
        return calendar.getComponents("VEVENT").getFirst().getProperty(name).map(p -> p.getValue()).orElse("");
    }
}
