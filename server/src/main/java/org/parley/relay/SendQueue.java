package org.parley.relay;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * What waits to go out to one participant (protocol README §12, "Audio first"). Only a little is
 * handed to the socket at once — at most {@link #IN_FLIGHT_MESSAGES} messages and
 * {@link #IN_FLIGHT_BYTES} bytes, or one larger message — and the rest waits here in two lanes, so
 * that a voice frame can still go ahead of a backlog of screen media: once something is written the
 * completion hands over the next, from the audio lane first. Everything else keeps its order (one
 * FIFO lane). Audio never overtakes a {@link Kind#BARRIER} queued before it: a KEY must arrive before
 * voice sealed under it, a newcomer's roster entry before its voice. It may overtake DATA and the
 * relay's ERRORs (a media_dropped notice, a presenter's monitors message), which would otherwise hold
 * it behind the very backlog they follow. What still waits here when the connection closes is not
 * sent: the participant is leaving, or being sent away.
 *
 * <p>Thread-safe: messages come from many senders' read loops, completions from the socket's
 * threads. One thread at a time hands messages to the socket (whoever finds the pump idle), so they
 * reach it in the order chosen here and completions come back in that order; no lock is held while
 * writing, and a completion that runs inside the write only wakes the pump that is already running.
 * Rings of parallel arrays that grow by doubling: no allocation per message.
 */
final class SendQueue {
    /** Messages handed to the socket at once; the rest waits where audio can pass it. */
    static final int IN_FLIGHT_MESSAGES = 8;
    /** Bytes handed to the socket at once (a larger message goes alone). */
    static final long IN_FLIGHT_BYTES = 64 << 10;

    /** What a message is to the lanes. */
    enum Kind {
        /** KEY, ADMIT, HANDSHAKE, ROSTER: never dropped, never overtaken, not even by audio. */
        BARRIER,
        /** DATA and ERROR: never dropped; in order with everything but audio. */
        ORDERED,
        /** MEDIA other than audio: in order with everything else. */
        MEDIA,
        /** An audio-marked MEDIA within its sender's allowance: ahead of other media. */
        AUDIO
    }

    /** The socket: writes one message and calls {@code done} once it is written (or failed), in order. */
    interface Wire {
        void write(ByteBuffer message, Callback done);
    }

    private final Wire wire;
    private final Callback written = Callback.from(this::written, failed -> written());
    // all below guarded by this
    private final Lane ordered = new Lane(); // tag: 1 for a BARRIER, else 0
    private final Lane audio = new Lane(); // tag: how many barriers were queued before it
    private long barriersQueued;
    private long barriersHandedOut;
    private final int[] flightSize = new int[IN_FLIGHT_MESSAGES];
    private final long[] flightAt = new long[IN_FLIGHT_MESSAGES];
    private final boolean[] flightAudio = new boolean[IN_FLIGHT_MESSAGES];
    private int flightHead;
    private int flightCount;
    private long flightBytes;
    private int messages;
    private long bytes;
    private boolean pumping;

    SendQueue(Wire wire) {
        this.wire = wire;
    }

    /**
     * Queues {@code message} (this queue's own duplicate of it) unless {@code maxMessages} or
     * {@code maxBytes} would be exceeded, counting what waits here and what the socket has not yet
     * written; false when it would. Call {@link #pump} after, outside any lock.
     */
    synchronized boolean offer(ByteBuffer message, Kind kind, long now, int maxMessages, long maxBytes) {
        int size = message.remaining();
        if (messages >= maxMessages || bytes + size > maxBytes) {
            return false;
        }
        messages++;
        bytes += size;
        if (kind == Kind.AUDIO) {
            audio.add(message, now, barriersQueued);
        } else {
            if (kind == Kind.BARRIER) {
                barriersQueued++;
            }
            ordered.add(message, now, kind == Kind.BARRIER ? 1 : 0);
        }
        return true;
    }

    /** Messages waiting, here or in the socket. */
    synchronized int messages() {
        return messages;
    }

    /** Bytes waiting, here or in the socket. */
    synchronized long bytes() {
        return bytes;
    }

    /**
     * Whether more than {@code maxBytes} wait, or the oldest waiting message other than audio has
     * waited more than {@code maxNanos}. Audio leaves first, so its age says nothing of the backlog.
     */
    synchronized boolean behind(long now, double maxBytes, double maxNanos) {
        if (messages == 0) {
            return false;
        }
        if (bytes > maxBytes) {
            return true;
        }
        long oldest = oldestOtherThanAudio(now);
        return now - oldest > maxNanos;
    }

    /** The enqueue time of the oldest waiting message that is not audio; {@code now} when there is none. */
    private long oldestOtherThanAudio(long now) {
        // what is in flight left before anything still in the ordered lane
        for (int i = 0; i < flightCount; i++) {
            int at = (flightHead + i) % IN_FLIGHT_MESSAGES;
            if (!flightAudio[at]) {
                return flightAt[at];
            }
        }
        return ordered.count > 0 ? ordered.headAt() : now;
    }

    /** Hands the socket what it may take now; returns at once if another thread is doing so. */
    void pump() {
        synchronized (this) {
            if (pumping) {
                return; // that thread looks again after each write, so it sees what we came to add
            }
            pumping = true;
        }
        while (true) {
            ByteBuffer next;
            synchronized (this) {
                next = next();
                if (next == null) {
                    pumping = false;
                    return;
                }
            }
            try {
                wire.write(next, written);
            } catch (RuntimeException closedUnderUs) {
                written(); // a socket that throws wrote nothing and will call back for nothing
            }
        }
    }

    /** The next message the socket may take, now in flight; null when none may go now. */
    private ByteBuffer next() {
        boolean audioMayGo = audio.count > 0 && audio.headTag() <= barriersHandedOut;
        Lane lane = audioMayGo ? audio : ordered.count > 0 ? ordered : null;
        if (lane == null) {
            return null;
        }
        int size = lane.headSize();
        if (flightCount > 0 && (flightCount == IN_FLIGHT_MESSAGES || flightBytes + size > IN_FLIGHT_BYTES)) {
            return null;
        }
        int slot = (flightHead + flightCount) % IN_FLIGHT_MESSAGES;
        flightSize[slot] = size;
        flightAt[slot] = lane.headAt();
        flightAudio[slot] = lane == audio;
        flightCount++;
        flightBytes += size;
        if (lane == ordered && ordered.headTag() == 1) {
            barriersHandedOut++;
        }
        return lane.poll();
    }

    /** The socket wrote (or failed to write) the oldest message in flight. */
    private void written() {
        synchronized (this) {
            int size = flightSize[flightHead];
            flightHead = (flightHead + 1) % IN_FLIGHT_MESSAGES;
            flightCount--;
            flightBytes -= size;
            messages--;
            bytes -= size;
        }
        pump();
    }

    /** A ring of waiting messages with their enqueue time and a tag; grows by doubling, never shrinks. */
    private static final class Lane {
        private ByteBuffer[] messages = new ByteBuffer[16];
        private long[] at = new long[16];
        private long[] tag = new long[16];
        private int head;
        int count;

        void add(ByteBuffer message, long now, long tagged) {
            if (count == messages.length) {
                grow();
            }
            int tail = (head + count) % messages.length;
            messages[tail] = message;
            at[tail] = now;
            tag[tail] = tagged;
            count++;
        }

        long headAt() {
            return at[head];
        }

        long headTag() {
            return tag[head];
        }

        int headSize() {
            return messages[head].remaining();
        }

        ByteBuffer poll() {
            ByteBuffer message = messages[head];
            messages[head] = null;
            head = (head + 1) % messages.length;
            count--;
            return message;
        }

        private void grow() {
            int n = messages.length;
            ByteBuffer[] m = new ByteBuffer[2 * n];
            long[] a = new long[2 * n];
            long[] t = new long[2 * n];
            for (int i = 0; i < count; i++) {
                int from = (head + i) % n;
                m[i] = messages[from];
                a[i] = at[from];
                t[i] = tag[from];
            }
            messages = m;
            at = a;
            tag = t;
            head = 0;
        }
    }
}
