package org.parley.meeting;

import java.time.Duration;
import java.time.Instant;

/** One time a meeting takes place: a meeting or webinar has one, a training several, numbered from 1. */
public record Session(int number, Instant startsAt, Duration duration) {
    public Instant endsAt() {
        return startsAt.plus(duration);
    }
}
