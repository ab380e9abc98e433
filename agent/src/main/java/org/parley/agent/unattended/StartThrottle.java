package org.parley.agent.unattended;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.parley.agent.AgentLog;
import org.parley.protocol.json.MalformedJsonException;
import org.parley.protocol.json.StrictJson;

/**
 * Answers at most one {@code srp-start} a second from each participant. Each start costs a 2048-bit
 * exponentiation and an answer on the loop's thread (a refusal too, while locked), and a legitimate
 * caller sends one per password it tries; a start less than {@link #INTERVAL} after the last answered
 * one from the same participant is ignored, and logged (once until that participant is answered
 * again, so a flood does not flood the log either). Other handshake messages pass. The loop's thread only.
 */
final class StartThrottle {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private final LongSupplier nanoTime;
    private final Map<Integer, Long> lastAnswered = new HashMap<>();
    private final Set<Integer> ignoring = new HashSet<>();

    /** @param nanoTime a monotonic clock, {@code System::nanoTime} (the wall clock may jump) */
    StartThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Whether to handle {@code payload} from {@code participant}: false for a start that comes too soon. */
    boolean allow(int participant, byte[] payload) {
        if (!isStart(payload)) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Long last = lastAnswered.get(participant);
        if (last != null && now - last < INTERVAL.toNanos()) {
            if (ignoring.add(participant)) {
                AgentLog.info("ignored an access handshake start from participant " + participant
                        + ": less than a second after its last one (more are ignored without a word)");
            }
            return false;
        }
        lastAnswered.put(participant, now);
        ignoring.remove(participant);
        return true;
    }

    /** Forgets those who left the room: keeps only the participants in {@code present}. */
    void retain(Set<Integer> present) {
        lastAnswered.keySet().retainAll(present);
        ignoring.retainAll(present);
    }

    /**
     * Whether the message's {@code t} is {@code srp-start}; false for anything malformed (the handshake
     * rejects it). Read as strictly as the handshake reads it, so both agree on what a start is.
     */
    static boolean isStart(byte[] payload) {
        try {
            return "srp-start".equals(StrictJson.tree(payload).path("t").textValue());
        } catch (MalformedJsonException malformed) {
            return false;
        }
    }
}
