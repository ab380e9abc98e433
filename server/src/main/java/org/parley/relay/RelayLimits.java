package org.parley.relay;

import java.time.Duration;

/**
 * Every bound on what one peer can make the relay do: message size, what may wait in a
 * participant's send queue before it counts as a slow consumer, how fast one may send, and the
 * size of a room. A participant nobody has admitted yet gets the much lower {@code waiting} rate:
 * it needs a JOIN and a few handshake messages, and must not be able to flood the room.
 */
public record RelayLimits(int maxPayload, int queueMessages, long queueBytes, Media media, Rate admitted, Rate waiting,
                          Duration joinTimeout, int maxParticipants) {

    /**
     * When a receiver's MEDIA is dropped rather than queued (protocol README §12, "Media flow
     * control"): it is <em>behind</em> once its oldest waiting message is older than {@code behindAfter}
     * or more than {@code behindBytes} wait; media never fills its queue past {@code maxMessages} or
     * {@code maxBytes}, well below the slow-consumer limits, so media alone never gets anyone closed.
     * The relay can only see its own queue: what the kernel holds in a socket's send buffer is
     * invisible delay, so accepted sockets get a fixed {@code socketSendBuffer} (bytes) instead of
     * one that autotunes to megabytes (seconds of a slow link).
     *
     * <p>A receiver that acknowledges media (MEDIA_ACK) is also behind while the oldest media it was
     * sent and has not acknowledged went out more than {@code unackedAfter} ago, or more than
     * {@code unackedBytes} of it are unacknowledged: that covers the delay the relay cannot see, in
     * socket buffers, proxies, the browser's own queue and its decoder. At most {@code maxUnacked}
     * unacknowledged media messages are tracked; past that, media to it is dropped.
     *
     * <p>Audio-marked MEDIA goes ahead of other media, so each sender may send only
     * {@code audioBytesPerSecond} of it (whole envelopes, up to {@code audioBurst} at once); above
     * that its mark is treated as droppable and discardable.
     */
    public record Media(Duration behindAfter, long behindBytes, int maxMessages, long maxBytes, int socketSendBuffer,
                        Duration unackedAfter, long unackedBytes, int maxUnacked, long audioBytesPerSecond, long audioBurst) {
    }

    /**
     * How fast one connection may send: {@code messagesPerSecond}, up to {@code burst} at once,
     * and {@code bytesPerSecond} (which is also its byte burst, so no one message may be larger).
     */
    public record Rate(int messagesPerSecond, int burst, long bytesPerSecond) {
    }

    public static RelayLimits standard() {
        return new RelayLimits(1 << 20, 1024, 16L << 20, new Media(Duration.ofMillis(150), 512L << 10, 512, 4L << 20, 256 << 10,
                Duration.ofMillis(250), 2L << 20, 1024, 16L << 10, 32L << 10), new Rate(400, 800, 32L << 20), new Rate(20, 40, 64L << 10),
                Duration.ofSeconds(10), 1100);
    }
}
