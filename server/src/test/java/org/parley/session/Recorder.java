package org.parley.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;

/** Records one participant's session events and waits, with a deadline, for the one a test expects. */
final class Recorder implements SessionListener {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private final String who;
    private final List<SessionEvent> events = new ArrayList<>();

    Recorder(String who) {
        this.who = who;
    }

    @Override
    public synchronized void on(SessionEvent event) {
        events.add(event);
        notifyAll();
    }

    /** The first event of this type that matches, waiting for it up to the deadline. */
    synchronized <T extends SessionEvent> T await(Class<T> type, Predicate<? super T> wanted, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (type.isInstance(events.get(seen)) && wanted.test(type.cast(events.get(seen)))) {
                    return type.cast(events.get(seen));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(who + " did not see " + what + " within " + DEADLINE + "; events: " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits until at least {@code count} events of this type have come. */
    synchronized void awaitCount(Class<? extends SessionEvent> type, int count, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (all(type).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(who + " saw " + all(type).size() + " of " + count + " " + what + " within "
                        + DEADLINE + "; events: " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Every event of this type so far. */
    synchronized <T extends SessionEvent> List<T> all(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (SessionEvent e : events) {
            if (type.isInstance(e)) {
                matching.add(type.cast(e));
            }
        }
        return matching;
    }

    /** Chat texts received so far. */
    synchronized List<String> chatTexts() {
        return all(SessionEvent.ChatReceived.class).stream().map(SessionEvent.ChatReceived::text).toList();
    }
}
