package org.parley.relay;

import java.time.Duration;

/**
 * Every bound on what one peer can make the relay do: message size, what may wait in a
 * participant's send queue before it counts as a slow consumer, how fast one may send, and the
 * size of a room.
 */
public record RelayLimits(int maxPayload, int queueMessages, long queueBytes, int messagesPerSecond, int burst,
                          long bytesPerSecond, Duration joinTimeout, int maxParticipants) {

    public static RelayLimits standard() {
        return new RelayLimits(1 << 20, 1024, 16L << 20, 400, 800, 32L << 20, Duration.ofSeconds(10), 1100);
    }
}
