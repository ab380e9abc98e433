package org.parley.protocol.client;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.keys.SessionKeys;

/**
 * What one participant knows about its session, shared by the member's and the keyholder's logic.
 * Guarded by the owning {@link Session}'s lock; only the counters are read without it.
 */
final class SessionState {
    static final int MAX_HELD_BACK = 256;
    static final int MAX_HELD_BACK_BYTES = 4 << 20;

    /** Sends one envelope; never blocks (the WebSocket side queues, bounded). */
    interface Outlet {
        void send(Envelope envelope);
    }

    final ParticipantKeyPair keyPair;
    final InvitationSecret invitation; // null: this participant has no k
    final UUID meetingId;
    final SecureRandom random;
    final Outlet outlet;
    final Dispatcher events;
    final AtomicLong dropped = new AtomicLong();
    boolean opensMedia = true; // false: MEDIA is passed over unopened (Connector#ignoreMedia)
    boolean admitsVouchedInvitees; // as keyholder, trust the server's "vouched" (Connector#admitVouchedInvitees)

    int me; // 0 until the snapshot names us
    SessionKeys keys; // null until the snapshot
    final Map<Integer, Control.Entry> present = new TreeMap<>();
    final Set<Integer> everPresent = new TreeSet<>(); // every id this connection has seen: the relay never reuses one
    Membership membership; // null until we hold a key and a members message (or start the session)
    final Set<Integer> knownMembers = new TreeSet<>(); // the last members list, less those who left since
    boolean keyholder;
    final Set<Integer> waiting = new TreeSet<>();
    boolean sessionSeen; // an ADMIT, KEY or DATA came from a participant: a session is running
    int admittedBy; // who sent us ADMIT before our first members message (0: nobody); the only one we take a first KEY from
    int keySender; // who gave us the current epoch's KEY (us, when we made it): its members message must come from them
    boolean sendingHeld; // a fresh epoch's KEY came and its members not yet: what we send waits (README §8)
    private final java.util.ArrayDeque<HeldBack> heldBack = new java.util.ArrayDeque<>();
    private int heldBackBytes;

    /** Content that waits for the members of a fresh epoch before it is sealed in it. */
    private record HeldBack(int recipient, byte[] plaintext) {
    }
    boolean closed;

    SessionState(ParticipantKeyPair keyPair, InvitationSecret invitation, UUID meetingId, SecureRandom random,
            Outlet outlet, Dispatcher events) {
        this.keyPair = keyPair;
        this.invitation = invitation;
        this.meetingId = meetingId;
        this.random = random;
        this.outlet = outlet;
        this.events = events;
    }

    List<Participant> participants() {
        return present.values().stream().map(Control.Entry::participant).toList();
    }

    Optional<Participant> participant(int id) {
        return Optional.ofNullable(present.get(id)).map(Control.Entry::participant);
    }

    boolean member(int id) {
        return knownMembers.contains(id);
    }

    /** Records a new epoch's members (ours or the keyholder's word) and tells the listener. */
    void membership(EpochSecret secret, int holder, List<Integer> members) {
        List<byte[]> keys = new ArrayList<>();
        for (int id : members) {
            participant(id).ifPresent(p -> keys.add(p.publicKey()));
        }
        membership = new Membership(secret.epoch(), holder, members, secret.verificationCode(keys));
        sendingHeld = false;
        for (HeldBack held; (held = heldBack.poll()) != null; ) {
            sendData(held.recipient(), held.plaintext());
        }
        heldBackBytes = 0;
        knownMembers.clear();
        knownMembers.addAll(members);
        waiting.removeAll(members);
        events.queue(new SessionEvent.EpochChanged(membership));
    }

    /**
     * Keeps {@code plaintext} until the members of the epoch whose key just came are known; at most
     * {@value #MAX_HELD_BACK} messages and 4 MiB wait (a sender of a stream skips frames meanwhile).
     *
     * @throws IllegalStateException when that much already waits
     */
    void holdBack(int recipient, byte[] plaintext) {
        if (heldBack.size() >= MAX_HELD_BACK || heldBackBytes + plaintext.length > MAX_HELD_BACK_BYTES) {
            throw new IllegalStateException("the keys are changing and " + heldBack.size() + " messages already wait for them");
        }
        heldBack.add(new HeldBack(recipient, plaintext.clone()));
        heldBackBytes += plaintext.length;
    }

    /** Sends an envelope from us. */
    void send(MessageType type, int recipient, byte[] payload) {
        outlet.send(Envelope.of(type, me, recipient, payload));
    }

    /**
     * Seals {@code plaintext} in the epoch of the last members message we accepted and sends it as
     * DATA. Not in a newer epoch whose key came but whose members did not yet: until then we do not
     * know who holds that key (README §8).
     */
    void sendData(int recipient, byte[] plaintext) {
        send(MessageType.DATA, recipient, keys.sealInHeld(membership.epoch(), plaintext));
    }

    void sendDataIn(long epoch, int recipient, byte[] plaintext) {
        send(MessageType.DATA, recipient, keys.sealIn(epoch, plaintext));
    }

    /** Sends a sealed frame as MEDIA: the clear mark byte, then the frame (README §12). */
    void sendMedia(int recipient, int mark, byte[] frame) {
        byte[] payload = new byte[1 + frame.length];
        payload[0] = (byte) mark;
        System.arraycopy(frame, 0, payload, 1, frame.length);
        send(MessageType.MEDIA, recipient, payload);
    }

    /** Counts and reports something we refused to use. */
    void drop(int sender, DropReason reason, String detail) {
        dropped.incrementAndGet();
        events.queue(new SessionEvent.Dropped(sender, reason, detail));
    }
}
