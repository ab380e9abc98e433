package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartThrottleTest {
    private static final byte[] START = "{\"t\":\"srp-start\",\"A\":\"AAAA\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVIDENCE = "{\"t\":\"srp-evidence\",\"M1\":\"AA\",\"bind\":\"AA\"}".getBytes(StandardCharsets.UTF_8);
    private long nanos = 1_000_000_000L;
    private final StartThrottle throttle = new StartThrottle(() -> nanos);

    @Test
    void aRepeatedStartWithinASecondIsIgnored() {
        assertThat(throttle.allow(7, START)).isTrue();
        advance(Duration.ofMillis(300));
        assertThat(throttle.allow(7, START)).isFalse();
        advance(Duration.ofMillis(600));
        assertThat(throttle.allow(7, START)).as("0.9 s after the answered start").isFalse();
        advance(Duration.ofMillis(100));
        assertThat(throttle.allow(7, START)).as("a second after the answered start").isTrue();
    }

    @Test
    void theEvidenceAndOtherCallersAreNotHeldUp() {
        assertThat(throttle.allow(7, START)).isTrue();
        assertThat(throttle.allow(7, EVIDENCE)).isTrue();
        assertThat(throttle.allow(8, START)).isTrue();
        assertThat(throttle.allow(7, "not json".getBytes(StandardCharsets.UTF_8))).as("malformed: the handshake rejects it").isTrue();
    }

    @Test
    void someoneWhoLeftAndCameBackIsNew() {
        assertThat(throttle.allow(7, START)).isTrue();
        throttle.retain(Set.of(8));
        assertThat(throttle.allow(7, START)).isTrue();
    }

    @Test
    void onlyAStartIsAStart() {
        assertThat(StartThrottle.isStart(START)).isTrue();
        assertThat(StartThrottle.isStart("{\"A\":{\"t\":\"x\"},\"t\":\"srp-start\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StartThrottle.isStart(EVIDENCE)).isFalse();
        assertThat(StartThrottle.isStart("[\"srp-start\"]".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(StartThrottle.isStart(new byte[0])).isFalse();
        assertThat(StartThrottle.isStart("{\"t\":\"srp-start\",\"t\":\"srp-ok\"}".getBytes(StandardCharsets.UTF_8)))
                .as("a t twice: the handshake refuses it, so it is no start to throttle").isFalse();
    }

    private void advance(Duration by) {
        nanos += by.toNanos();
    }
}
