package org.parley.protocol.client;

import java.util.ArrayList;
import java.util.List;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.KeyDelivery;

/**
 * The keyholder's duties (protocol README §8): start epoch 0, admit a newcomer whose proof verifies
 * (or whom a person admits by hand) with a ratchet, and make a fresh epoch when a member leaves.
 * The server's roster is never enough to get a key — except where the meeting's organizer chose
 * it and this client's user opted in ({@link Connector#admitVouchedInvitees()}): an {@code invitee}
 * the roster marks {@code "vouched":"signed-in-invitee"} is let in on the server's sign-in. Called
 * with the session's lock held.
 */
final class Keyholder {
    private final SessionState state;

    Keyholder(SessionState state) {
        this.state = state;
    }

    /** As the organizer that found no keyholder: epoch 0 with us alone, then look at who waits. */
    void start() {
        EpochSecret first = state.keys.start(state.random);
        state.keyholder = true;
        state.membership(first, state.me, List.of(state.me));
        sendMembers(Envelope.EVERYONE);
        considerEveryoneWaiting();
    }

    /** As the new keyholder after ours left: a fresh epoch for who remains, then the waiting room. */
    void takeOver(List<Integer> remaining) {
        state.keyholder = true;
        rotate(remaining);
        considerEveryoneWaiting();
    }

    /** Someone arrived: show it a session is running, then admit it (by proof, or as vouched for) or let it wait. */
    void arrived(Control.Entry entry) {
        sendMembers(entry.participant().id());
        consider(entry);
    }

    /** Someone left: a member's leave needs a fresh epoch the leaver cannot compute. */
    void left(int id) {
        state.waiting.remove(id);
        if (state.member(id)) {
            List<Integer> remaining = new ArrayList<>(state.knownMembers);
            remaining.remove(Integer.valueOf(id));
            rotate(remaining);
        }
    }

    /** Lets {@code id} in: ratchet (so it cannot read what came before), ADMIT, KEY to all, members. */
    void admit(int id) {
        if (state.member(id) || !state.present.containsKey(id)) {
            throw new IllegalStateException("participant " + id + " is not waiting (present: "
                    + state.present.keySet() + ", members: " + state.knownMembers + ")");
        }
        EpochSecret next = state.keys.advanceOnJoin();
        List<Integer> members = new ArrayList<>(state.knownMembers);
        members.add(id);
        members.sort(null); // in id order, as the browser's keyholder: a newcomer may have a lower id than a member
        state.send(MessageType.ADMIT, id, new byte[0]);
        deliver(next, members);
        state.membership(next, state.me, members);
        sendMembers(Envelope.EVERYONE);
    }

    private void rotate(List<Integer> remaining) {
        EpochSecret next = state.keys.advanceOnLeave(state.random);
        deliver(next, remaining);
        state.membership(next, state.me, remaining);
        sendMembers(Envelope.EVERYONE);
    }

    private void considerEveryoneWaiting() {
        for (Control.Entry entry : List.copyOf(state.present.values())) {
            if (!state.member(entry.participant().id())) {
                consider(entry);
            }
        }
    }

    private void consider(Control.Entry entry) {
        int id = entry.participant().id();
        boolean proven = state.invitation != null && entry.proof()
                .filter(proof -> state.invitation.admits(state.meetingId, entry.participant().publicKey(), proof))
                .isPresent();
        if (proven || (state.admitsVouchedInvitees && vouchedInvitee(entry))) {
            admit(id);
        } else if (state.waiting.add(id)) {
            state.events.queue(new SessionEvent.Waiting(entry.participant()));
        }
    }

    /**
     * README §8: the organizer let signed-in invitees in without a click, and the server says this is
     * one. Only the {@code invitee} role counts: the server vouches for no one else this way.
     */
    private static boolean vouchedInvitee(Control.Entry entry) {
        return entry.vouchedInvitee() && entry.participant().role().equals("invitee");
    }

    private void deliver(EpochSecret secret, List<Integer> members) {
        for (int id : members) {
            if (id == state.me) {
                continue;
            }
            state.participant(id).ifPresent(p -> state.send(MessageType.KEY, id,
                    KeyDelivery.seal(state.meetingId, secret, id, p.publicKey(), state.keyPair)));
        }
    }

    private void sendMembers(int recipient) {
        var m = state.membership;
        state.sendData(recipient, Content.members(m.epoch(), m.keyholder(), m.members()));
    }
}
