package org.parley;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The server's clock in a test that needs days to pass: real time, plus whatever the test has skipped ahead. */
public final class MovableClock extends Clock {
    private volatile Duration skipped = Duration.ZERO;

    public void advance(Duration by) {
        skipped = skipped.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(skipped);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server works in UTC");
    }
}
