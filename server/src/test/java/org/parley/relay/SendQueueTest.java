package org.parley.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.Test;

/**
 * README §12, "Audio first", on the queue alone: a socket that writes only when the test says so
 * shows what is handed to it and in which order.
 */
class SendQueueTest {
    static final long MAX_BYTES = 16L << 20;

    /** A socket whose writes complete when {@link #complete} is called, in order. */
    static final class Socket implements SendQueue.Wire {
        final List<Integer> handed = new ArrayList<>();
        final ArrayDeque<Callback> pending = new ArrayDeque<>();

        @Override
        public void write(ByteBuffer message, Callback done) {
            handed.add((int) message.get(message.position()));
            pending.add(done);
        }

        void complete(int n) {
            for (int i = 0; i < n; i++) {
                pending.poll().succeed();
            }
        }

        int inFlight() {
            return pending.size();
        }
    }

    static ByteBuffer message(int label, int size) {
        return ByteBuffer.allocate(size).put(0, (byte) label);
    }

    @Test
    void audioOvertakesWaitingMediaAndDataButNeverAKeyQueuedBeforeIt() {
        var socket = new Socket();
        var queue = new SendQueue(socket);
        // 20 screen messages of 32 KiB: two fill what the socket may hold, the rest wait
        for (int i = 0; i < 20; i++) {
            offer(queue, SendQueue.Kind.MEDIA, 10, 32 << 10);
        }
        assertThat(socket.inFlight()).as("64 KiB in flight").isEqualTo(2);
        offer(queue, SendQueue.Kind.AUDIO, 1, 200);
        offer(queue, SendQueue.Kind.ORDERED, 4, 100); // a media_dropped notice: voice may pass it
        offer(queue, SendQueue.Kind.BARRIER, 2, 100); // a KEY
        offer(queue, SendQueue.Kind.AUDIO, 3, 200); // sealed under that key: must not pass it
        offer(queue, SendQueue.Kind.MEDIA, 11, 100);
        socket.complete(1);
        // the first audio frame goes next; the second waits for the KEY, which waits its turn behind the screen media
        assertThat(socket.handed).containsExactly(10, 10, 1);
        while (socket.inFlight() > 0) {
            socket.complete(1);
        }
        List<Integer> order = socket.handed;
        assertThat(order).hasSize(25);
        assertThat(order.indexOf(2)).as("the KEY after all the screen media queued before it").isEqualTo(22);
        assertThat(order.subList(21, 25)).containsExactly(4, 2, 3, 11);
        assertThat(queue.messages()).isZero();
        assertThat(queue.bytes()).isZero();
    }

    @Test
    void behindCountsTheOldestMessageOtherThanAudioAndAllBytes() {
        var socket = new Socket();
        var queue = new SendQueue(socket);
        queue.offer(message(1, 200), SendQueue.Kind.AUDIO, 0, 1024, MAX_BYTES);
        queue.pump();
        assertThat(queue.behind(1_000_000_000, 1 << 20, 150e6)).as("audio's own age is no backlog").isFalse();
        queue.offer(message(10, 1000), SendQueue.Kind.MEDIA, 500_000_000, 1024, MAX_BYTES);
        queue.pump();
        assertThat(queue.behind(600_000_000, 1 << 20, 150e6)).isFalse();
        assertThat(queue.behind(700_000_000, 1 << 20, 150e6)).as("the media message waited 200 ms").isTrue();
        assertThat(queue.behind(600_000_000, 1000, 150e6)).as("1,200 bytes wait").isTrue();
        socket.complete(2);
        assertThat(queue.behind(700_000_000, 0, 0)).isFalse();
    }

    @Test
    void theLimitsCountWhatWaitsAndWhatTheSocketHasNotWritten() {
        var socket = new Socket();
        var queue = new SendQueue(socket);
        for (int i = 0; i < 3; i++) {
            assertThat(queue.offer(message(1, 100), SendQueue.Kind.ORDERED, 0, 3, MAX_BYTES)).isTrue();
            queue.pump();
        }
        assertThat(queue.offer(message(1, 100), SendQueue.Kind.ORDERED, 0, 3, MAX_BYTES)).isFalse();
        socket.complete(1);
        assertThat(queue.offer(message(1, 100), SendQueue.Kind.ORDERED, 0, 3, MAX_BYTES)).isTrue();
    }

    @Test
    void aWriteThatCompletesAtOnceDoesNotRecurse() {
        var handed = new ArrayList<Integer>();
        var queue = new SendQueue((message, done) -> {
            handed.add((int) message.get(message.position()));
            done.succeed(); // as a socket with room does, on the calling thread
        });
        for (int i = 0; i < 10_000; i++) {
            queue.offer(message(i % 100, 10), SendQueue.Kind.MEDIA, 0, 100_000, MAX_BYTES);
        }
        queue.pump();
        assertThat(handed).hasSize(10_000);
        assertThat(queue.messages()).isZero();
    }

    private static void offer(SendQueue queue, SendQueue.Kind kind, int label, int size) {
        assertThat(queue.offer(message(label, size), kind, 0, 1024, MAX_BYTES)).isTrue();
        queue.pump();
    }
}
