package org.parley.meeting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.account.EmailAddress;

/**
 * The JSON shapes of meetings. What a field shows depends on the viewer's role: only the
 * organizer sees registration settings; a registrant does not see the invitee list.
 */
final class MeetingView {
    private MeetingView() {
    }

    static Map<String, Object> of(Meetings.Viewed v, MeetingLinks links, int seatsTaken, List<Material> materials) {
        Meeting m = v.meeting();
        var out = summary(m, links);
        out.put("role", v.role().code());
        out.put("organizer", Map.of("name", v.organizer().name()));
        out.put("joinUrl", links.meeting(m.id()).toString());
        if (v.role() != Role.REGISTRANT) {
            out.put("invitees", v.invitees().stream().map(EmailAddress::value).toList());
            // what invitees should expect in the waiting room; registrants are never let in by it
            out.put("admitSignedInInvitees", m.admitSignedInInvitees());
        }
        if (m.kind() == MeetingKind.TRAINING) {
            out.put("materials", materials.stream().map(MeetingView::material).toList());
        }
        if (v.role() == Role.ORGANIZER && m.kind().hasRegistration()) {
            var registration = new LinkedHashMap<String, Object>();
            registration.put("fields", m.questions());
            registration.put("approval", m.approval());
            registration.put("capacity", m.capacity().orElse(null));
            registration.put("registered", seatsTaken);
            out.put("registration", registration);
        }
        return out;
    }

    /** What anyone may see of a webinar or training on its public registration page. */
    static Map<String, Object> publicEvent(Meeting m, MeetingStore.Organizer organizer, MeetingLinks links, int seatsTaken,
                                           java.time.Instant now) {
        var out = summary(m, links);
        out.put("organizer", Map.of("name", organizer.name()));
        out.put("fields", m.questions());
        out.put("approval", m.approval());
        out.put("seatsLeft", m.capacity().map(c -> Math.max(0, c - seatsTaken)).orElse(null));
        out.put("open", !m.cancelled() && m.endsAt().isAfter(now) && m.capacity().map(c -> seatsTaken < c).orElse(true));
        return out;
    }

    private static LinkedHashMap<String, Object> summary(Meeting m, MeetingLinks links) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", m.id());
        out.put("kind", m.kind().code());
        out.put("subject", m.subject());
        out.put("description", m.description());
        out.put("startsAt", m.firstOccurrence().startsAt());
        out.put("durationMinutes", m.firstOccurrence().duration().toMinutes());
        out.put("endsAt", m.endsAt());
        out.put("timeZone", m.timeZone().getId());
        out.put("recurrence", m.recurrence().orElse(null));
        out.put("sessions", sessions(m.occurrences()));
        out.put("cancelled", m.cancelled());
        if (m.kind().hasRegistration()) {
            out.put("registrationUrl", links.registrationPage(m.id()).toString());
        }
        return out;
    }

    private static List<Map<String, Object>> sessions(List<Occurrence> sessions) {
        return sessions.stream().<Map<String, Object>>map(s -> Map.of("number", s.number(), "startsAt", s.startsAt(),
                "durationMinutes", s.duration().toMinutes())).toList();
    }

    static Map<String, Object> material(Material m) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", m.id());
        out.put("name", m.name());
        out.put("size", m.size());
        out.put("contentType", m.contentType());
        out.put("uploadedAt", m.uploadedAt());
        return out;
    }

    static Map<String, Object> registrant(Registrant r) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", r.id());
        out.put("firstName", r.firstName());
        out.put("lastName", r.lastName());
        out.put("email", r.email().value());
        out.put("status", r.status().code());
        out.put("registeredAt", r.registeredAt());
        out.put("answers", r.answers());
        return out;
    }

    static Map<String, Object> stay(Attendance.Stay s) {
        var out = new LinkedHashMap<String, Object>();
        out.put("session", s.session());
        out.put("name", s.name());
        out.put("email", s.email().orElse(null));
        out.put("joinedAt", s.joinedAt());
        out.put("leftAt", s.leftAt().orElse(null));
        out.put("minutes", s.length().map(d -> Math.round(d.toSeconds() / 60.0)).orElse(null));
        return out;
    }
}
