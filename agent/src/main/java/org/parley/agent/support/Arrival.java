package org.parley.agent.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;

/**
 * The listener of a new connection after a lost one: its events wait until the loop has taken the
 * connection over, so none of them is handled as if it came from the old one.
 */
final class Arrival implements SessionListener {
    private final SessionListener loop;
    private final List<SessionEvent> early = new ArrayList<>(); // guarded by this
    private boolean live; // guarded by this

    /** {@code loop} hears the connection's events once it is taken over. */
    Arrival(SessionListener loop) {
        this.loop = loop;
    }

    @Override
    public void on(SessionEvent event) {
        synchronized (this) {
            if (!live) {
                early.add(event);
                return;
            }
        }
        loop.on(event);
    }

    /** On the loop's thread: what the connection heard so far goes to {@code handler} first, in order. */
    synchronized void takeOver(Consumer<SessionEvent> handler) {
        early.forEach(handler);
        early.clear();
        live = true;
    }
}
