package org.parley.relay;

import java.time.Duration;

/**
 * Every bound on what one peer can make the relay do: message size, what may wait in a
 * participant's send queue before it counts as a slow consumer, how fast one may send, and the
 * size of a room. A participant nobody has admitted yet gets the much lower {@code waiting} rate:
 * it needs a JOIN and a few handshake messages, and must not be able to flood the room.
 */
public record RelayLimits(int maxPayload, int queueMessages, long queueBytes, Rate admitted, Rate waiting,
                          Duration joinTimeout, int maxParticipants) {

    /**
     * How fast one connection may send: {@code messagesPerSecond}, up to {@code burst} at once,
     * and {@code bytesPerSecond} (which is also its byte burst, so no one message may be larger).
     */
    public record Rate(int messagesPerSecond, int burst, long bytesPerSecond) {
    }

    public static RelayLimits standard() {
        return new RelayLimits(1 << 20, 1024, 16L << 20, new Rate(400, 800, 32L << 20), new Rate(20, 40, 64L << 10),
                Duration.ofSeconds(10), 1100);
    }
}
