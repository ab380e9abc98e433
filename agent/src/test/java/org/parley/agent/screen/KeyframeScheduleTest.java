package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyframeScheduleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final KeyframeSchedule schedule = new KeyframeSchedule(Duration.ofSeconds(10), Duration.ofMillis(500), now::get);

    @Test
    void firstFrameIsAKeyframeThenOneEveryInterval() {
        assertThat(schedule.due()).isTrue();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(schedule.due()).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(schedule.due()).isTrue();
        assertThat(schedule.due()).isFalse();
    }

    @Test
    void viewerRequestsAreHonouredButAtMostOncePerMinimumGap() {
        schedule.due();
        schedule.request();
        assertThat(schedule.due()).as("too soon after the last keyframe").isFalse();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(schedule.due()).as("the request is remembered until allowed").isTrue();
        assertThat(schedule.due()).isFalse();
    }

    @Test
    void aNewMembersKeyframeIsNotHeldBackByTheMinimumGapAndComesOnce() {
        schedule.due();
        schedule.force();
        assertThat(schedule.due()).as("a newcomer needs the whole screen now").isTrue();
        assertThat(schedule.due()).isFalse();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(schedule.due()).as("the periodic keyframe restarted from the forced one").isFalse();
    }
}
