package org.parley.meeting;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.parley.account.EmailAddress;

/** Someone registered for a webinar or training, with their answers to the organizer's questions. */
public record Registrant(UUID id, UUID meetingId, EmailAddress email, String firstName, String lastName,
                         Map<String, String> answers, Status status, Instant registeredAt) {

    /** Pending registrations wait for the organizer when the event asks for approval. */
    public enum Status {
        APPROVED, PENDING, DECLINED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
