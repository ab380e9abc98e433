package org.parley.agent.unattended;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.parley.agent.AgentLog;

/**
 * Tells the owner's connection list what became of callers' passwords ({@link MachineApi#event}),
 * from one background thread, in the order they were reported. The call can take up to its 15 s
 * timeout, and the loop that answers callers must not wait for it: a caller repeating {@code srp-start}
 * while the machine is locked would otherwise hold the loop 15 s each time. A participant is reported
 * {@value #LOCKED_OUT} once, however often it tries while locked. Report from the loop's thread.
 */
final class PasswordEvents implements AutoCloseable {
    static final String ACCEPTED = "password_accepted";
    static final String REFUSED = "password_refused";
    static final String LOCKED_OUT = "locked_out";
    /** Events that may wait for a slow server; more are dropped (logged) rather than kept without bound. */
    static final int MAX_WAITING = 100;

    /** Where an event goes: {@code (participant, event) -> api.event(machine, participant, event)}. */
    @FunctionalInterface
    interface Sink {
        void send(int participant, String event);
    }

    private final Sink sink;
    private final ThreadPoolExecutor sender;
    private final Set<Integer> toldLockedOut = new HashSet<>(); // the loop's thread only

    PasswordEvents(Sink sink) {
        this.sink = sink;
        // a daemon: an event still waiting when the service exits is not worth keeping the process for
        this.sender = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
                Thread.ofPlatform().daemon().name("parley-password-events").factory(),
                (event, executor) -> AgentLog.warn("too many password events wait for the server; one is not sent"));
        sender.allowCoreThreadTimeOut(true); // no idle thread kept for a quiet connection
    }

    /** Queues {@code event} about {@code participant} and returns at once. */
    void report(int participant, String event) {
        if (event.equals(LOCKED_OUT) && !toldLockedOut.add(participant)) {
            return;
        }
        sender.execute(() -> {
            try {
                sink.send(participant, event);
            } catch (RuntimeException failed) {
                AgentLog.warn("the server was not told \"" + event + "\": " + failed, failed);
            }
        });
    }

    /** Forgets those who left the room: keeps only the participants in {@code present}. */
    void retain(Set<Integer> present) {
        toldLockedOut.retainAll(present);
    }

    /** Sends what is queued, then ends the thread; returns at once. */
    @Override
    public void close() {
        sender.shutdown();
    }
}
