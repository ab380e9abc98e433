package org.parley.protocol.client;

/**
 * Receives a session's {@link SessionEvent}s. Calls come one at a time, in order, on the thread
 * that reads the WebSocket (or on the thread of a {@link SessionClient} method that caused them);
 * a listener must return quickly and may call back into the client.
 */
@FunctionalInterface
public interface SessionListener {

    /** One event. An exception thrown here is caught and does not disturb the session. */
    void on(SessionEvent event);
}
