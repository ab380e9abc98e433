package org.parley.protocol.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands events to the listener one at a time and in the order they were queued, whichever thread
 * queued them. Events are queued while the session's state is locked and delivered after it is
 * released, so a listener may call back into the client. A listener that calls back while being
 * called finds its new events delivered after it returns, not inside the call.
 */
final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private final Queue<SessionEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final SessionListener listener;

    Dispatcher(SessionListener listener) {
        this.listener = listener;
    }

    void queue(SessionEvent event) {
        events.add(event);
    }

    /** Delivers what is queued, unless another thread (or an outer call on this one) is doing so. */
    void deliver() {
        while (!events.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (SessionEvent event; (event = events.poll()) != null; ) {
                    try {
                        listener.on(event);
                    } catch (RuntimeException failure) {
                        LOG.log(Level.WARNING, "session listener failed on " + event.getClass().getSimpleName(), failure);
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }
}
