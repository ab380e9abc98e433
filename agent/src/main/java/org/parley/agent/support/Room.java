package org.parley.agent.support;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;

/**
 * Who is in the session as the loop last heard it: our connection, its roster, and the members of
 * the current epoch — everyone but us who could open a frame. Used on the loop's thread only.
 * After a lost connection nobody is a member until the new connection's epoch says who is.
 */
final class Room {
    private final Set<Integer> members = new HashSet<>();
    private SessionClient client;
    private Membership membership; // the epoch whose members we last learned; null before, and after a lost connection

    /** Our connection now: the first one, then each one a reconnect brings. */
    void connected(SessionClient now) {
        client = now;
    }

    SessionClient client() {
        return client;
    }

    /** The connection broke: whoever held the old epoch's key is no member of the next one yet. */
    void lost() {
        members.clear();
        membership = null;
    }

    /** Learns {@code next}'s members; true when someone is among them who was not before (they have seen nothing yet). */
    boolean epoch(Membership next) {
        membership = next;
        Set<Integer> before = Set.copyOf(members);
        members.clear();
        members.addAll(next.members());
        members.remove(client.id());
        return !before.containsAll(members);
    }

    /** The epoch whose members we know, if we know one on this connection. */
    Optional<Membership> membership() {
        return Optional.ofNullable(membership);
    }

    Set<Integer> members() {
        return Collections.unmodifiableSet(members);
    }

    boolean isMember(int id) {
        return members.contains(id);
    }

    List<Participant> participants() {
        return client.participants();
    }

    Optional<Participant> participant(int id) {
        return client.participants().stream().filter(p -> p.id() == id).findFirst();
    }

    /** {@code who} holds the current epoch's key with the key it had when asked about: the technician still in the session. */
    boolean isMemberOrganizer(Participant who) {
        return isMember(who.id()) && participant(who.id()).filter(p -> sameKey(p, who) && p.organizer()).isPresent();
    }

    /** Admits {@code who} if its id is still waiting with the same key: the key is what was allowed. */
    void admit(Participant who) {
        if (client.waiting().stream().noneMatch(p -> sameKey(p, who))) {
            return;
        }
        try {
            client.admit(who.id());
        } catch (IllegalStateException notWaitingAnyMore) {
            // they left, or someone else holds the keys now: nothing to admit
        }
    }

    /** The members' names, in id order, for the customer's terminal and control bar. */
    String names() {
        return String.join(", ", members.stream().sorted().map(this::name).toList());
    }

    private String name(int id) {
        return participant(id).map(Participant::name).orElse("participant " + id);
    }

    /** The same id with the same key: ids are the relay's and are reused (a room made anew, a forged roster). */
    static boolean sameKey(Participant a, Participant b) {
        return a.id() == b.id() && Arrays.equals(a.publicKey(), b.publicKey());
    }
}
