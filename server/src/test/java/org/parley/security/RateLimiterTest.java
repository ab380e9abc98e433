package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The limiter's table stays bounded without a flood of new keys freeing the ones it blocks. */
class RateLimiterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aFloodOfNewKeysDoesNotFreeAKeyThatIsBlocked() {
        var limiter = new RateLimiter("test", 2, Duration.ofMinutes(10), clock, 10);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("guesser");
        }
        assertThat(limiter.blocked("guesser")).isPresent();

        for (int i = 0; i < 50; i++) {
            limiter.acquire("passer-by " + i);
        }

        assertThat(limiter.blocked("guesser")).as("still blocked after 50 other keys filled a table of 10").isPresent();
        assertThat(limiter.acquire("guesser")).isPresent();
    }
}
