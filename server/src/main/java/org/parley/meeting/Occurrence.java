package org.parley.meeting;

import java.time.Duration;
import java.time.Instant;

/**
 * One time a meeting takes place: a meeting or webinar has one, a training several, numbered from 1.
 * The pages and the API say "Session 1, Session 2" (a training's word, as GoToTraining's) and the
 * table is {@code meeting_sessions}; in code "session" is the encrypted session of the protocol.
 */
public record Occurrence(int number, Instant startsAt, Duration duration) {
    public Instant endsAt() {
        return startsAt.plus(duration);
    }
}
