package org.parley.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.parley.web.Failure;

/**
 * What the relay has carried since it started, for the operator's metrics: envelopes and bytes in
 * and out, media dropped for receivers that were behind, and connections closed by reason. Counts
 * only — never who, never what (the relay reads nothing else). Cheap enough to update on every
 * message: striped adders, no locks.
 */
public final class RelayCounters {
    final LongAdder messagesIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder mediaDropped = new LongAdder();
    private final Map<Failure, LongAdder> closes = new EnumMap<>(Failure.class);

    public RelayCounters() {
        for (Failure failure : Failure.values()) {
            closes.put(failure, new LongAdder());
        }
    }

    void received(int bytes) {
        messagesIn.increment();
        bytesIn.add(bytes);
    }

    void queued(int bytes) {
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    void closed(Failure failure) {
        closes.get(failure).increment();
    }

    public long messagesIn() {
        return messagesIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Envelopes queued to receivers (each copy counts: one message to ten people is ten). */
    public long messagesOut() {
        return messagesOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** MEDIA not sent to a receiver that was behind (README §12). */
    public long mediaDropped() {
        return mediaDropped.sum();
    }

    /** Connections the relay closed for {@code failure} (slow consumers, rate limits, bad input, …). */
    public long closes(Failure failure) {
        return closes.get(failure).sum();
    }
}
