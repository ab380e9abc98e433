package org.parley.agent.present;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.keys.InputKey;

/**
 * Which 0x11 bodies are the controller's own (protocol README §9.1). The SFrame sender only says
 * "a member" (every member can derive every sender's key, and the relay stamps the envelope's
 * sender), so an event counts only if its tag verifies under the input key of this presenter and
 * the current controller — a key no third member can compute — for the epoch its frame was sealed
 * in, with a sequence number above the last one accepted under that key. The last sequence number
 * is kept per key for as long as we are connected, across revocations and new grants, so an event
 * from an earlier grant cannot be replayed into a later one. Not thread-safe: the caller locks.
 */
final class InputGate {
    /** What became of one input event. */
    sealed interface Verdict {
    }

    /** The controller's own event: apply {@code json}. */
    record Accepted(byte[] json) implements Verdict {
    }

    /** From someone who is not in control (or no one is). */
    record NotInControl() implements Verdict {
    }

    /** From the controller's id, but not provably from the controller, or a replay. */
    record Unauthenticated(String reason) implements Verdict {
    }

    private InputKey current; // null: no one in control
    private final Map<InputKey, Long> lastSeq = new HashMap<>();

    /** From now on only {@code key}'s controller may send input. */
    void open(InputKey key) {
        current = key;
    }

    /** From now on no one may send input. */
    void close() {
        current = null;
    }

    /** The id of the participant in control, or 0. */
    int controller() {
        return current == null ? 0 : current.controllerId();
    }

    /** Checks one 0x11 {@code body} from envelope sender {@code sender}, in a frame sealed in {@code epoch}. */
    Verdict check(int sender, long epoch, byte[] body) {
        if (current == null || sender != current.controllerId()) {
            return new NotInControl();
        }
        Optional<InputKey.Event> event = current.open(epoch, body);
        if (event.isEmpty()) {
            return new Unauthenticated("its tag does not verify under the controller's input key for epoch " + epoch);
        }
        long last = lastSeq.getOrDefault(current, 0L);
        long seq = event.get().seq();
        if (seq <= last) {
            return new Unauthenticated("sequence number " + seq + " is not above " + last + " (a replay)");
        }
        lastSeq.put(current, seq);
        return new Accepted(event.get().json());
    }
}
