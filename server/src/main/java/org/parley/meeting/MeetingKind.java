package org.parley.meeting;

import java.util.Locale;
import org.parley.web.ParleyException;

/** What sort of event: a meeting with invitees, or a webinar or training with public registration. */
public enum MeetingKind {
    MEETING, WEBINAR, TRAINING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Webinars and trainings have a public registration page; meetings are by invitation. */
    public boolean hasRegistration() {
        return this != MEETING;
    }

    static MeetingKind parse(String code) {
        for (MeetingKind kind : values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw ParleyException.invalid("kind must be \"meeting\", \"webinar\" or \"training\".");
    }
}
