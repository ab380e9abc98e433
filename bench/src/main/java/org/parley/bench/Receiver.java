package org.parley.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;

/**
 * One receiving participant: counts each DATA message by its sequence number and records how long
 * after its due time it arrived in full. Only the envelope header and the stamp are copied out of
 * the JDK's buffers; the rest of the payload is skipped. The JDK calls a listener from one thread
 * at a time; the lock only makes the final read see every write.
 */
final class Receiver implements WebSocket.Listener {
    private static final int HEAD = EnvelopeCodec.HEADER_LENGTH + Stamp.LENGTH;
    private final long firstMeasured;
    private final long messages;
    private final byte[] head = new byte[HEAD];
    private final byte[] stamp = new byte[Stamp.LENGTH];
    private final BitSet seen;
    private final LatencyHistogram latencies = new LatencyHistogram();
    final CompletableFuture<Void> joined = new CompletableFuture<>();
    final CompletableFuture<Void> complete = new CompletableFuture<>();
    private int headLength;
    private long duplicates;
    private volatile int closeCode;
    private volatile String closeReason = "";

    Receiver(long firstMeasured, long messages) {
        this.firstMeasured = firstMeasured;
        this.messages = messages;
        this.seen = new BitSet((int) messages);
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        int take = Math.min(HEAD - headLength, data.remaining());
        data.get(data.position(), head, headLength, take);
        headLength += take;
        if (last) {
            long now = System.nanoTime();
            if (headLength >= 2 && head[1] == MessageType.DATA.code() && headLength == HEAD) {
                data(now);
            } else if (headLength >= 2 && head[1] == MessageType.ROSTER.code()) {
                joined.complete(null); // the first ROSTER a joiner gets is its snapshot, or follows it
            }
            headLength = 0;
        }
        return null;
    }

    private synchronized void data(long now) {
        System.arraycopy(head, EnvelopeCodec.HEADER_LENGTH, stamp, 0, Stamp.LENGTH);
        long seq = Stamp.seq(stamp);
        if (seq < 0 || seq >= messages) {
            return;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return;
        }
        seen.set((int) seq);
        if (seq >= firstMeasured) {
            latencies.record(now - Stamp.dueNanos(stamp));
        }
        if (seq == messages - 1) {
            complete.complete(null);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed(1006, error.toString());
    }

    private void closed(int code, String reason) {
        closeReason = reason;
        closeCode = code;
        joined.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        complete.complete(null);
    }

    boolean dropped() {
        return closeCode != 0;
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    /** Measured sequence numbers that never arrived. */
    synchronized long lost() {
        return (messages - firstMeasured) - seen.get((int) firstMeasured, (int) messages).cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized void addTo(LatencyHistogram all) {
        all.add(latencies);
    }
}
