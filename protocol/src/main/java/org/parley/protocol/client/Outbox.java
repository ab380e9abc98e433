package org.parley.protocol.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Sends binary messages on one WebSocket in order. The JDK client allows one send at a time, so
 * each send is chained after the one before; at most {@code limit} may wait. A connection that
 * falls that far behind is aborted rather than queueing without bound.
 */
final class Outbox {
    private final WebSocket socket;
    private final int limit;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int waiting;

    Outbox(WebSocket socket, int limit) {
        this.socket = socket;
        this.limit = limit;
    }

    /** Queues {@code message}; false (and the connection aborted) when the queue is full. */
    synchronized boolean send(ByteBuffer message) {
        if (waiting >= limit) {
            socket.abort();
            return false;
        }
        waiting++;
        // handle(): a failed send must not stop the ones after it from being tried (and failing fast)
        tail = tail.handle((done, failed) -> null)
                .thenCompose(ignored -> socket.isOutputClosed()
                        ? CompletableFuture.completedFuture(socket)
                        : socket.sendBinary(message, true))
                .whenComplete((done, failed) -> sent());
        return true;
    }

    /** Completes when everything queued so far has been handed to the network (or failed). */
    synchronized CompletableFuture<?> drained() {
        return tail.handle((done, failed) -> null);
    }

    /** How many messages are queued and not yet handed to the network. */
    synchronized int waiting() {
        return waiting;
    }

    private synchronized void sent() {
        waiting--;
    }
}
