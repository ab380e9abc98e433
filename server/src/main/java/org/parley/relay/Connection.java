package org.parley.relay;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.BitSet;
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.envelope.RelayStatus;
import org.parley.web.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's WebSocket. Sends are asynchronous and counted: when more than the limits
 * wait to go out, the participant is a slow consumer and is dropped with a clear close reason,
 * rather than letting the queue — and the server's memory — grow without bound.
 *
 * <p>MEDIA is different (protocol README §12, "Media flow control"): while this receiver is behind,
 * media is dropped rather than queued, by its clear mark alone, and once one sender's stream lost a
 * message, everything of that stream waits for its next refresh point (deltas after a gap decode to
 * garbage). The {@link SendQueue} remembers when each waiting message was queued, so "behind" is the
 * age of the oldest one other than audio, and sends audio ahead of other media. Audio is never
 * dropped for being behind, only when the media share is full; a camera's high layer is dropped
 * first, at half the thresholds, and comes back at its refresh point once we are a quarter behind.
 *
 * <p>The relay's queue is not the whole delay: a browser drains its socket at once and then decodes
 * seconds late, and a slow link hides data in kernel buffers and proxies. So a receiver may
 * acknowledge the media it has finished with (MEDIA_ACK, bytes of whole MEDIA envelopes since it
 * joined); once it does, what it was sent and has not acknowledged counts as well. Another ring
 * keeps the cumulative end and send time of each unacknowledged media message.
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private final WsContext ws;
    private final Entrant entrant;
    private final RelayLimits limits;
    private final Allowance admittedRate;
    private final Allowance waitingRate;
    private final TokenBucket fromWaiting; // what all waiting participants together may send this one
    /** How much audio-marked MEDIA this participant may send (README §12, "Audio first"); its read loop only. */
    private final TokenBucket audioAllowance;
    private final SendQueue queue;
    /** Streams whose media to us is dropped until their next refresh point, at {@code sender * 4 + stream}; guarded by this. */
    private BitSet mediaGaps;
    /** Cumulative MEDIA bytes queued to us, and the end of each not yet acknowledged with its time; guarded by this. */
    private long mediaSent;
    private long mediaAcked;
    private boolean acknowledges;
    private final long[] unackedEnd;
    private final long[] unackedAt;
    private final boolean[] unackedDroppable;
    private int unackedHead;
    private int unackedCount;
    /** How fast the receiver finishes media while it has some to do, bytes per second; 0 until measured. */
    private double drainRate;
    private long lastAckAt;
    private boolean busySinceLastAck;
    /** Below this many unacknowledged bytes the drain rate is not consulted: a backlog that small is no delay. */
    private static final long DRAIN_FLOOR = 64 << 10;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final RelayCounters counters;
    private final AtomicBoolean left = new AtomicBoolean();
    private volatile int id;
    private volatile byte[] publicKey;
    private volatile java.util.Optional<byte[]> proof = java.util.Optional.empty();
    private volatile long stayId;
    private volatile java.time.Instant joinedAt;
    private volatile boolean admitted;
    private boolean refusedBefore; // read loop only

    Connection(WsContext ws, Entrant entrant, RelayLimits limits, RelayCounters counters, long nowNanos) {
        this.ws = ws;
        this.counters = counters;
        this.entrant = entrant;
        this.limits = limits;
        this.admittedRate = Allowance.of(limits.admitted(), nowNanos);
        this.waitingRate = Allowance.of(limits.waiting(), nowNanos);
        // twice one waiting sender's rate, whatever their number: a crowd of waiting participants
        // cannot fill this connection's queue with handshakes and get it closed as a slow consumer
        this.fromWaiting = new TokenBucket(2.0 * limits.waiting().messagesPerSecond(), 2.0 * limits.waiting().burst(), nowNanos);
        this.audioAllowance = new TokenBucket(limits.media().audioBytesPerSecond(), limits.media().audioBurst(), nowNanos);
        this.queue = new SendQueue((message, done) -> ws.session.sendBinary(message, done));
        this.unackedEnd = new long[limits.media().maxUnacked()];
        this.unackedAt = new long[limits.media().maxUnacked()];
        this.unackedDroppable = new boolean[limits.media().maxUnacked()];
    }

    /** What became of one MEDIA for this receiver. */
    enum Media {
        QUEUED,
        DROPPED,
        /** Dropped, and the first of a gap: the receiver is told once, so it asks the sender for a refresh. */
        GAP_OPENED
    }

    /** A sender's token buckets, used from its own read loop only. */
    private record Allowance(TokenBucket messages, TokenBucket bytes) {
        static Allowance of(RelayLimits.Rate rate, long nowNanos) {
            return new Allowance(new TokenBucket(rate.messagesPerSecond(), rate.burst(), nowNanos),
                    new TokenBucket(rate.bytesPerSecond(), rate.bytesPerSecond(), nowNanos));
        }

        boolean take(int size, long nowNanos) {
            return messages.take(1, nowNanos) && bytes.take(size, nowNanos);
        }
    }

    Entrant entrant() {
        return entrant;
    }

    int id() {
        return id;
    }

    boolean joined() {
        return id != 0;
    }

    void joined(int id, byte[] publicKey, java.util.Optional<byte[]> proof, long stayId, java.time.Instant at) {
        this.joinedAt = at;
        this.publicKey = publicKey;
        this.proof = proof;
        this.stayId = stayId;
        this.id = id;
    }

    java.time.Instant joinedAt() {
        return joinedAt;
    }

    byte[] publicKey() {
        return publicKey;
    }

    /** The invitation proof the JOIN carried (README §5), shown to whoever may admit. */
    java.util.Optional<byte[]> proof() {
        return proof;
    }

    long stayId() {
        return stayId;
    }

    /**
     * Whether the keyholder let this participant in: its role starts the keys (protocol §8), or an
     * admitted participant sent it an ADMIT. Until then it may send only JOIN, LEAVE and HANDSHAKE,
     * at the waiting rate, and receives no broadcast DATA.
     */
    boolean admitted() {
        return admitted;
    }

    /** Set once, from whichever read loop saw the ADMIT (or the JOIN); never taken back on this connection. */
    void admit() {
        admitted = true;
    }

    /** True for the first message refused as not admitted, so the log says it once per connection. */
    boolean firstRefusal() {
        boolean first = !refusedBefore;
        refusedBefore = true;
        return first;
    }

    /** Charges one message from a waiting participant to this recipient's shared budget for them. */
    boolean acceptsFromWaiting(long nowNanos) {
        return fromWaiting.take(1, nowNanos);
    }

    /**
     * Charges one audio-marked MEDIA of {@code size} bytes to this sender's audio allowance; false
     * above it: then its mark no longer buys priority (README §12, "Audio first").
     */
    boolean audioWithinAllowance(int size, long nowNanos) {
        return audioAllowance.take(size, nowNanos);
    }

    /** Charges one received message to this sender's rate; false when it sends faster than allowed. */
    boolean withinRate(int size, long nowNanos) {
        return (admitted ? admittedRate : waitingRate).take(size, nowNanos);
    }

    /**
     * Queues {@code message} (a read-only buffer shared with other recipients; only a duplicate's
     * position moves). Drops this connection when its queue is over the limits.
     */
    void send(ByteBuffer message) {
        if (closing.get()) {
            return;
        }
        if (!queue.offer(message.duplicate(), kind(message), System.nanoTime(), limits.queueMessages(), limits.queueBytes())) {
            log.atWarn().addKeyValue("participant", id).addKeyValue("queued", queue.messages())
                    .addKeyValue("max", limits.queueMessages()).log("relay send queue full, closing slow consumer");
            close(Failure.SLOW_CONSUMER, "You were disconnected because your connection could not keep up.");
            // a consumer this far behind will not read the close frame either: cut the connection now,
            // so it leaves the room at once instead of after a close handshake that cannot finish
            ws.session.disconnect();
            return;
        }
        counters.queued(message.remaining());
        queue.pump();
    }

    /** README §12, "Audio first": voice may pass DATA and ERROR, never what keys or the roster depend on. */
    private static SendQueue.Kind kind(ByteBuffer envelope) {
        int type = Byte.toUnsignedInt(envelope.get(envelope.position() + 1)); // the codec wrote or checked it
        return type == MessageType.DATA.code() || type == MessageType.ERROR.code() ? SendQueue.Kind.ORDERED : SendQueue.Kind.BARRIER;
    }

    /**
     * Queues one MEDIA from participant {@code from} with clear {@code mark}, or drops it (README §12):
     * audio goes ahead of other media and is dropped only when the media share of the queue is full;
     * while a gap in the sender's stream is open, only a refresh point that finds us no longer behind
     * goes through and closes it; otherwise a droppable one is dropped while we are behind, and any
     * media once the media share is full. A drop opens a gap. {@code mark} is as the relay treats it:
     * audio above the sender's allowance has already lost its audio bit.
     */
    Media sendMedia(ByteBuffer message, int from, int mark) {
        if (closing.get()) {
            return Media.DROPPED; // going away: not a drop for being behind
        }
        int size = message.remaining();
        long now = System.nanoTime();
        boolean audio = MediaMark.audio(mark);
        Media verdict;
        synchronized (this) {
            verdict = mediaVerdict(from, mark, size, now);
            if (verdict == Media.QUEUED) {
                if (!queue.offer(message.duplicate(), audio ? SendQueue.Kind.AUDIO : SendQueue.Kind.MEDIA, now,
                        limits.queueMessages(), limits.queueBytes())) {
                    // only when other senders' DATA filled it meanwhile (the next send closes us); a refresh
                    // point that just closed its stream's gap must not leave the deltas after it to decode
                    if (!audio) {
                        openGap(from * 4 + MediaMark.stream(mark));
                    }
                    counters.mediaDropped.increment();
                    return Media.DROPPED;
                }
                // audio counts as media sent, but is never the reason media is dropped: not "droppable"
                unacked(size, now, MediaMark.droppable(mark) && !audio);
            }
        }
        if (verdict == Media.QUEUED) {
            counters.queued(size);
            queue.pump();
        } else {
            counters.mediaDropped.increment();
        }
        return verdict;
    }

    private Media mediaVerdict(int from, int mark, int size, long now) {
        RelayLimits.Media budget = limits.media();
        boolean full = queue.messages() >= budget.maxMessages() || queue.bytes() + size > budget.maxBytes()
                || (acknowledges && unackedCount == unackedEnd.length);
        if (MediaMark.audio(mark)) {
            return full ? Media.DROPPED : Media.QUEUED; // depends on nothing: no gap, and never for being behind
        }
        int stream = MediaMark.stream(mark);
        int gap = from * 4 + stream; // a sender's streams have independent gaps
        if (stream == MediaMark.STREAM_CAMERA_HIGH) {
            return highLayerVerdict(gap, mark, full, budget, now);
        }
        boolean behind = behind(budget, now, 1);
        if (gapOpen(gap)) {
            if (MediaMark.refreshPoint(mark) && !behind && !full) {
                mediaGaps.clear(gap);
                return Media.QUEUED;
            }
            return Media.DROPPED;
        }
        // an enhancement layer goes first, at half the delay, and leaves the base layer whole
        if (MediaMark.discardable(mark) && (full || behind(budget, now, 0.5))) {
            return Media.DROPPED;
        }
        if (full || (behind && MediaMark.droppable(mark))) {
            openGap(gap);
            return Media.GAP_OPENED;
        }
        return Media.QUEUED;
    }

    /**
     * A camera's high layer (stream 2) goes at half the thresholds, like a discardable chunk, but its
     * deltas need their key chunk: a drop opens a gap in stream 2, closed by the next stream-2 refresh
     * point that finds us no more than a quarter behind. No notice: the receiver shows the low layer,
     * and the sender's periodic key chunks bring the high one back.
     */
    private Media highLayerVerdict(int gap, int mark, boolean full, RelayLimits.Media budget, long now) {
        if (gapOpen(gap)) {
            if (MediaMark.refreshPoint(mark) && !full && !behind(budget, now, 0.25)) {
                mediaGaps.clear(gap);
                return Media.QUEUED;
            }
            return Media.DROPPED;
        }
        if (full || behind(budget, now, 0.5)) {
            if (!MediaMark.discardable(mark)) {
                openGap(gap);
            }
            return Media.DROPPED;
        }
        return Media.QUEUED;
    }

    private boolean gapOpen(int gap) {
        return mediaGaps != null && mediaGaps.get(gap);
    }

    private void openGap(int gap) {
        if (mediaGaps == null) {
            mediaGaps = new BitSet();
        }
        mediaGaps.set(gap);
    }

    /** Behind by {@code share} of the thresholds: in our queue, or in what it has not acknowledged. */
    private boolean behind(RelayLimits.Media budget, long now, double share) {
        boolean queueBehind = queue.behind(now, budget.behindBytes() * share, budget.behindAfter().toNanos() * share);
        return queueBehind || (acknowledges && unackedCount > 0 && unackedBehind(budget, now, share));
    }

    /**
     * Behind by what it was sent and has not finished: too much of it, its oldest droppable message
     * too old, or more than it finishes in {@code unackedAfter} at the rate it has been finishing
     * media. The last one matters for a fast link to a slow decoder: many frames arrive before the
     * first of them is late. The age counts droppable messages only: a keyframe takes a slow link a
     * while by itself, and counting it made every keyframe drop the deltas after it, which asked for
     * another keyframe (measured at 2 Mbit/s: 3 of 21 changes never shown, p95 1.5 s).
     */
    private boolean unackedBehind(RelayLimits.Media budget, long now, double share) {
        long backlog = mediaSent - mediaAcked;
        double target = budget.unackedAfter().toNanos() * share;
        return backlog > budget.unackedBytes() * share || now - oldestDroppableUnacked(now) > target
                || (drainRate > 0 && backlog > DRAIN_FLOOR * share && backlog > drainRate * target / 1e9);
    }

    /** When the oldest unacknowledged droppable media went out; {@code now} when there is none. */
    private long oldestDroppableUnacked(long now) {
        for (int i = 0; i < unackedCount; i++) {
            int at = (unackedHead + i) % unackedEnd.length;
            if (unackedDroppable[at]) {
                return unackedAt[at];
            }
        }
        return now;
    }

    /** Before the receiver acknowledges anything the ring just keeps the newest (it may start later). */
    private void unacked(int size, long now, boolean droppable) {
        mediaSent += size;
        if (unackedCount == unackedEnd.length) {
            unackedHead = (unackedHead + 1) % unackedEnd.length; // only when not acknowledging: full is refused then
            unackedCount--;
        }
        int tail = (unackedHead + unackedCount) % unackedEnd.length;
        unackedEnd[tail] = mediaSent;
        unackedAt[tail] = now;
        unackedDroppable[tail] = droppable;
        unackedCount++;
    }

    /** What a MEDIA_ACK was found to be. */
    enum Ack {
        ACCEPTED,
        MORE_THAN_SENT,
        BACKWARDS
    }

    /**
     * The receiver has finished with {@code total} bytes of MEDIA since it joined (README §12); a
     * count below its last one or above what it was sent changes nothing.
     */
    synchronized Ack mediaAcknowledged(long total, long now) {
        if (total < 0 || total > mediaSent) {
            return Ack.MORE_THAN_SENT; // unsigned: a negative long is above any count
        }
        if (total < mediaAcked) {
            return Ack.BACKWARDS;
        }
        if (busySinceLastAck && total > mediaAcked) {
            // it had work the whole time since its last acknowledgement: what it finished since is its pace
            double sample = (total - mediaAcked) * 1e9 / Math.max(1, now - lastAckAt);
            drainRate = drainRate == 0 ? sample : 0.75 * drainRate + 0.25 * sample;
        }
        lastAckAt = now;
        busySinceLastAck = mediaSent > total;
        mediaAcked = total;
        acknowledges = true;
        while (unackedCount > 0 && unackedEnd[unackedHead] <= total) {
            unackedHead = (unackedHead + 1) % unackedEnd.length;
            unackedCount--;
        }
        return Ack.ACCEPTED;
    }

    /** For the error message: the MEDIA bytes sent to this receiver so far. */
    synchronized long mediaSent() {
        return mediaSent;
    }

    /** True the first time only: leaving the room happens once, however the connection ended. */
    boolean markLeft() {
        return left.compareAndSet(false, true);
    }

    /** True once we began to close it (or it said goodbye): nothing it sends after that is routed. */
    boolean closing() {
        return closing.get();
    }

    /** True when the close was ours: after the peer's LEAVE, or the server closing it; false when the connection was lost. */
    boolean closedByUs() {
        return closing.get();
    }

    /** The server is stopping: "going away", so clients know to reconnect later. */
    void goingAway() {
        if (closing.compareAndSet(false, true)) {
            ws.closeSession(RelayStatus.GOING_AWAY.closeCode(), "The server is restarting; please join again in a moment.");
        }
    }

    /** Envelopes waiting for this receiver now (in our queue or handed to the socket). */
    int queuedMessages() {
        return queue.messages();
    }

    /** The participant said goodbye: a normal close. */
    void leave() {
        if (closing.compareAndSet(false, true)) {
            ws.closeSession(RelayStatus.NORMAL.closeCode(), "left");
        }
    }

    void close(Failure failure, String reason) {
        if (closing.compareAndSet(false, true)) {
            counters.closed(failure);
            ws.closeSession(failure.closeCode(), reason);
        }
    }
}
