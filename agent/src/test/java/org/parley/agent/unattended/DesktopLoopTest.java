package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.agent.present.DesktopLoop;
import org.parley.protocol.client.SessionEvent;

/** The loop under the unattended service (and the other sessions): one failing task must not end it. */
class DesktopLoopTest {
    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() throws InterruptedException {
        var loop = new Loop();
        loop.queue(() -> loop.done.add("first"));
        loop.queue(() -> {
            throw new IllegalStateException("participant 7 is not waiting");
        });
        loop.queue(() -> loop.done.add("after the failure"));
        loop.stop("test over");
        Thread runner = Thread.ofPlatform().start(loop::runQuietly);

        assertThat(loop.awaitEnd(Duration.ofSeconds(10))).isTrue();
        runner.join(10_000);
        assertThat(loop.done).containsExactly("first", "after the failure");
        assertThat(loop.why).isEqualTo("test over");
    }

    private static final class Loop extends DesktopLoop {
        final List<String> done = new CopyOnWriteArrayList<>();
        volatile String why;

        void queue(Runnable task) {
            later(task);
        }

        void runQuietly() {
            try {
                runUntilStopped();
                why = stopReason();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished();
            }
        }

        @Override
        protected void handle(SessionEvent event) {
        }
    }
}
