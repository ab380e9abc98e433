package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordEventsTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Test
    void aSlowServerDoesNotHoldUpTheCaller() throws InterruptedException {
        var release = new CountDownLatch(1);
        var threads = new CopyOnWriteArrayList<Thread>();
        try (var events = new PasswordEvents((participant, event) -> {
            threads.add(Thread.currentThread());
            await(release);
            sent.add(participant + " " + event);
        })) {
            long start = System.nanoTime();
            events.report(7, PasswordEvents.REFUSED);
            events.report(7, PasswordEvents.LOCKED_OUT);
            events.report(8, PasswordEvents.ACCEPTED);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(sent).isEmpty();
            release.countDown();
        }
        waitFor(3);
        assertThat(sent).containsExactly("7 password_refused", "7 locked_out", "8 password_accepted");
        assertThat(threads).doesNotContain(Thread.currentThread());
    }

    @Test
    void aLockedOutCallerIsReportedOnce() throws InterruptedException {
        try (var events = new PasswordEvents((participant, event) -> sent.add(participant + " " + event))) {
            for (int i = 0; i < 50; i++) {
                events.report(7, PasswordEvents.LOCKED_OUT);
            }
            events.report(9, PasswordEvents.LOCKED_OUT);
            events.retain(Set.of(9)); // 7 left; its id is not reused, but if it were it would be someone new
            events.report(9, PasswordEvents.LOCKED_OUT);
            events.report(7, PasswordEvents.LOCKED_OUT);
        }
        waitFor(3);
        Thread.sleep(100);
        assertThat(sent).containsExactly("7 locked_out", "9 locked_out", "7 locked_out");
    }

    @Test
    void aFailingSendIsLoggedAndTheNextOneGoesOut() throws InterruptedException {
        try (var events = new PasswordEvents((participant, event) -> {
            if (participant == 1) {
                throw new IllegalArgumentException("boom");
            }
            sent.add(participant + " " + event);
        })) {
            events.report(1, PasswordEvents.REFUSED);
            events.report(2, PasswordEvents.REFUSED);
        }
        waitFor(1);
        assertThat(sent).containsExactly("2 password_refused");
    }

    private void waitFor(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
