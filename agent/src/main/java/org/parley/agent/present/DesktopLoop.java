package org.parley.agent.present;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parley.agent.AgentLog;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;

/**
 * One thread that owns a session's desktop state. Session events, buttons, prompt answers, timers
 * and Ctrl-C are all queued and handled one at a time on the thread that runs the loop, so the
 * state needs no locks and the session's listener returns at once.
 */
public abstract class DesktopLoop implements SessionListener {
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private String stopReason; // read and written on the loop's thread only

    @Override
    public final void on(SessionEvent event) {
        later(() -> handle(event));
    }

    /** Handles one session event, on the loop's thread. */
    protected abstract void handle(SessionEvent event);

    /** Asks the loop to end (any thread); the first reason given is the one reported. */
    public final void stop(String why) {
        later(() -> stopNow(why));
    }

    /** Waits up to {@code timeout} for the loop to have finished tearing down. */
    public final boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues {@code task} to run on the loop's thread (any thread may call). */
    protected final void later(Runnable task) {
        work.add(task);
    }

    /** On the loop's thread: end after the current task. */
    protected final void stopNow(String why) {
        if (stopReason == null) {
            stopReason = why;
        }
    }

    /** Why the loop ended, or null while it runs (or when interrupted). */
    protected final String stopReason() {
        return stopReason;
    }

    /**
     * Runs queued work until something stops the loop. A task that throws a RuntimeException is
     * logged and the loop goes on with the next one: many tasks handle what other people send (a
     * caller who leaves at the wrong moment makes a send or an admit fail), and one such slip must not
     * end the session, nor the unattended service with it.
     */
    protected final void runUntilStopped() throws InterruptedException {
        while (stopReason == null) {
            Runnable task = work.take();
            try {
                task.run();
            } catch (RuntimeException failed) {
                AgentLog.warn("a session task failed; the session goes on: " + failed, failed);
            }
        }
    }

    /** Call last, in the teardown's finally: {@link #awaitEnd} returns from here on. */
    protected final void finished() {
        ended.countDown();
    }
}
