package org.parley.agent.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.agent.consent.Answer;
import org.parley.protocol.client.Participant;

/**
 * What the customer answered about who may see the screen, remembered by each participant's JOIN
 * public key — never by id, name or role, which are the server's word: a server that gives an
 * allowed id or name to another key (a reconnect, a made-anew room, a forged roster) gets a new
 * question, and nothing is shown to that key until the customer allows it. A key is asked about
 * once; its answer holds for the whole run, across reconnects, because the key does not change.
 */
final class ViewingConsent {
    private static final HexFormat HEX = HexFormat.of();
    private final Set<String> allowed = new HashSet<>();
    private final Set<String> declined = new HashSet<>();
    private final Set<String> asked = new HashSet<>();

    /** Whether the customer allowed {@code who}'s key to see the screen. */
    boolean allows(Participant who) {
        return allowed.contains(key(who));
    }

    /** Whether the customer declined {@code who}'s key (or let the question time out). */
    boolean declines(Participant who) {
        return declined.contains(key(who));
    }

    /** True once for a key not yet answered nor asked about: the caller asks the customer now. */
    boolean startQuestion(Participant who) {
        String key = key(who);
        return !allowed.contains(key) && !declined.contains(key) && asked.add(key);
    }

    /** Records the customer's answer about the key {@code who} had when the question was asked. */
    void answered(Participant who, Answer answer) {
        String key = key(who);
        if (answer.allowed()) {
            allowed.add(key);
        } else {
            declined.add(key);
        }
    }

    /** A question is shown or waiting to be shown. */
    boolean questionOpen() {
        return asked.stream().anyMatch(key -> !allowed.contains(key) && !declined.contains(key));
    }

    /**
     * Whether everyone in {@code members} (participant ids, ourselves excluded) holds a key the
     * customer allowed, as {@code present} (the roster) says now. A member the roster does not
     * list has no key we could check: not allowed. Nobody at all: nothing to share with.
     */
    boolean allowsAll(Collection<Integer> members, List<Participant> present) {
        return !members.isEmpty() && members.stream().allMatch(id -> find(id, present).filter(this::allows).isPresent());
    }

    private static Optional<Participant> find(int id, List<Participant> present) {
        return present.stream().filter(p -> p.id() == id).findFirst();
    }

    private static String key(Participant who) {
        return HEX.formatHex(who.publicKey());
    }
}
