package org.parley.protocol.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.InputKey;
import org.parley.protocol.keys.Installation;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.KeyDeliveryException;
import org.parley.protocol.keys.OpenedFrame;
import org.parley.protocol.keys.SessionKeys;
import org.parley.protocol.keys.VerificationCode;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;

/**
 * One participant's session logic (protocol README §8), independent of the transport: it takes the
 * envelopes that arrive and the caller's requests, keeps the {@link SessionState}, and answers
 * through the state's outlet and event queue. Thread-safe: every entry point locks this object and
 * delivers the resulting events after releasing it.
 */
final class Session {
    private final SessionState state;
    private final Keyholder keyholder;
    private final Runnable startLater; // schedules startIfNoKeyholder() after the organizer's wait

    Session(SessionState state, java.util.function.Consumer<Runnable> scheduleStart) {
        this.state = state;
        this.keyholder = new Keyholder(state);
        this.startLater = () -> scheduleStart.accept(this::startIfNoKeyholder);
    }

    /** One envelope from the relay. Never throws for bad input: it is dropped and counted. */
    void receive(Envelope envelope) {
        synchronized (this) {
            if (!state.closed) {
                route(envelope);
            }
        }
        state.events.deliver();
    }

    private void route(Envelope envelope) {
        byte[] payload = envelope.payloadBytes();
        int sender = envelope.sender();
        MessageType type = envelope.type();
        if (type == MessageType.ROSTER || type == MessageType.ERROR) {
            if (sender != 0) {
                state.drop(sender, DropReason.FORGED_CONTROL, type + " from participant " + Integer.toUnsignedString(sender));
            } else if (type == MessageType.ROSTER) {
                roster(payload);
            } else {
                state.events.queue(Control.error(payload));
            }
            return;
        }
        if (type == MessageType.JOIN || type == MessageType.LEAVE) {
            state.drop(sender, DropReason.UNEXPECTED_TYPE, type + " is not for participants");
            return;
        }
        if (state.me == 0 || sender == 0 || sender == state.me || !state.present.containsKey(sender)) {
            state.drop(sender, DropReason.UNKNOWN_SENDER, type + " from " + Integer.toUnsignedString(sender)
                    + ", who is not another participant present");
            return;
        }
        int recipient = envelope.recipient();
        if (recipient != Envelope.EVERYONE && recipient != state.me) {
            state.drop(sender, DropReason.MISROUTED, type + " for participant " + Integer.toUnsignedString(recipient) + ", not us");
            return;
        }
        switch (type) {
            // README §10: handshakes come before admission and say nothing about whether a session runs
            case HANDSHAKE -> state.events.queue(new SessionEvent.HandshakeReceived(sender, payload));
            case DATA -> data(sender, recipient != Envelope.EVERYONE, payload, false);
            // README §12: the clear mark byte is the relay's; what follows opens as DATA does
            case MEDIA -> {
                if (state.opensMedia) {
                    data(sender, recipient != Envelope.EVERYONE, Arrays.copyOfRange(payload, 1, payload.length), true);
                } else {
                    state.sessionSeen = true;
                }
            }
            case KEY -> key(sender, payload);
            case ADMIT -> admitted(sender);
            default -> state.drop(sender, DropReason.UNEXPECTED_TYPE, type + " is not for participants");
        }
    }

    private void roster(byte[] payload) {
        Control.Roster message;
        try {
            message = Control.roster(payload);
        } catch (RuntimeException malformed) {
            state.drop(0, DropReason.MALFORMED, "malformed roster: " + malformed.getMessage());
            return;
        }
        if ((state.me == 0) != (message instanceof Control.Snapshot)) {
            state.drop(0, DropReason.UNEXPECTED_ROSTER, state.me == 0 ? "a roster change before our snapshot"
                    : "a second snapshot");
            return;
        }
        switch (message) {
            case Control.Snapshot snapshot -> snapshot(snapshot);
            case Control.Arrived arrived -> arrived(arrived.entry());
            case Control.Left left -> left(left.id());
        }
    }

    private void snapshot(Control.Snapshot snapshot) {
        if (!snapshot.meetingId().equals(state.meetingId)
                || snapshot.participants().stream().noneMatch(e -> e.participant().id() == snapshot.you())) {
            state.drop(0, DropReason.MALFORMED, "snapshot for meeting " + snapshot.meetingId() + " without us");
            return;
        }
        state.me = snapshot.you();
        state.keys = new SessionKeys(state.me, CipherSuite.AES_128_GCM_SHA256_128);
        snapshot.participants().forEach(e -> state.present.put(e.participant().id(), e));
        state.everPresent.addAll(state.present.keySet());
        state.events.queue(new SessionEvent.Joined(state.me, state.participants()));
        boolean organizer = state.participant(state.me).map(Participant::organizer).orElse(false);
        if (organizer && state.present.size() == 1) {
            keyholder.start(); // alone: nobody can hold keys yet
        } else if (organizer) {
            startLater.run();
        }
    }

    private void startIfNoKeyholder() {
        synchronized (this) {
            if (!state.closed && !state.sessionSeen && state.keys.current().isEmpty()) {
                keyholder.start();
            }
        }
        state.events.deliver();
    }

    private void arrived(Control.Entry entry) {
        int id = entry.participant().id();
        if (id == state.me || state.present.containsKey(id)) {
            state.drop(0, DropReason.MALFORMED, "participant " + id + " arrived, but is already present");
            return;
        }
        // the relay never gives an id twice, and a JOIN key is fresh: an id back after it left, or
        // someone else's key, is a server re-announcing a member to take its place (keys, consent)
        if (state.everPresent.contains(id) || state.present.values().stream()
                .anyMatch(e -> java.util.Arrays.equals(e.participant().publicKey(), entry.participant().publicKey()))) {
            state.drop(0, DropReason.UNEXPECTED_ROSTER, "participant " + id + " arrived again, or with a key someone present has");
            return;
        }
        state.everPresent.add(id);
        state.present.put(id, entry);
        state.events.queue(new SessionEvent.RosterChanged(state.participants()));
        if (state.keyholder) {
            keyholder.arrived(entry);
        }
    }

    private void left(int id) {
        if (id == state.me || !state.present.containsKey(id)) {
            state.drop(0, DropReason.MALFORMED, "participant " + id + " left, but was not present");
            return;
        }
        state.present.remove(id);
        state.events.queue(new SessionEvent.RosterChanged(state.participants()));
        if (state.admittedBy == id && state.membership == null) {
            state.admittedBy = 0; // who let us in left before our key came: someone else may admit us
        }
        if (state.keyholder) {
            keyholder.left(id);
            return;
        }
        boolean wasKeyholder = state.membership != null && state.membership.keyholder() == id;
        state.knownMembers.remove(id);
        if (wasKeyholder && successor() == state.me) {
            keyholder.takeOver(List.copyOf(state.knownMembers));
        }
    }

    /** README §8: the remaining member with the organizer role if there is one, else the lowest id. */
    private int successor() {
        List<Integer> remaining = new ArrayList<>(state.knownMembers);
        remaining.removeIf(id -> !state.present.containsKey(id));
        return remaining.stream()
                .min(Comparator.comparing((Integer id) -> !state.participant(id).orElseThrow().organizer())
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(0);
    }

    /**
     * README §8: the only participant we take a KEY from. Before our first members message, who
     * admitted us; after it, the keyholder it names, or, once that one left, its successor.
     */
    private int expectedKeyholder() {
        if (state.membership == null) {
            return state.admittedBy;
        }
        int named = state.membership.keyholder();
        return state.present.containsKey(named) ? named : successor();
    }

    private void admitted(int sender) {
        state.sessionSeen = true;
        if (state.keyholder || state.membership != null || (state.admittedBy != 0 && state.admittedBy != sender)) {
            state.drop(sender, DropReason.UNEXPECTED_ADMIT, "ADMIT from " + sender + " while "
                    + (state.admittedBy != 0 ? "participant " + state.admittedBy + " admitted us" : "we hold a key"));
            return;
        }
        if (state.admittedBy == 0) {
            state.admittedBy = sender;
            state.events.queue(new SessionEvent.Admitted(sender));
        }
    }

    private void key(int sender, byte[] payload) {
        state.sessionSeen = true;
        if (state.keyholder) {
            state.drop(sender, DropReason.KEY_WHILE_KEYHOLDER, "KEY from " + sender + " while we hold the keys");
            return;
        }
        int expected = expectedKeyholder();
        if (sender != expected) {
            state.drop(sender, DropReason.KEY_NOT_FROM_KEYHOLDER, "KEY from participant " + sender
                    + ", not from the keyholder (" + (expected == 0 ? "nobody admitted us" : "participant " + expected) + ")");
            return;
        }
        EpochSecret secret;
        try {
            byte[] senderKey = state.participant(sender).orElseThrow().publicKey();
            secret = KeyDelivery.open(state.meetingId, state.me, state.keyPair, senderKey, payload);
        } catch (KeyDeliveryException refused) {
            state.drop(sender, DropReason.KEY_DOES_NOT_OPEN, refused.getMessage());
            return;
        }
        Optional<EpochSecret> before = state.keys.current();
        Installation installed = state.keys.install(secret);
        if (installed != Installation.INSTALLED) {
            state.drop(sender, DropReason.STALE_KEY, "KEY for epoch " + secret.epoch() + " ignored: " + installed);
            return;
        }
        state.keySender = sender;
        // README §8: a join's ratchet leaves the members we know holding the key we send in; a fresh
        // epoch means someone left, and they hold the one we know: send nothing until its members
        state.sendingHeld = state.membership == null || before.isEmpty() || before.get().epoch() != state.membership.epoch()
                || !secret.sameAs(before.get().afterJoin());
    }

    private void data(int sender, boolean direct, byte[] frame, boolean media) {
        state.sessionSeen = true;
        if (state.keys.current().isEmpty()) {
            state.drop(sender, DropReason.NO_KEY_YET, (media ? "MEDIA" : "DATA") + " before we hold any key");
            return;
        }
        OpenedFrame opened;
        try {
            opened = state.keys.open(sender, frame);
        } catch (SFrameException refused) {
            state.drop(sender, DropReason.of(refused.reason()), refused.getMessage());
            return;
        }
        byte[] plaintext = opened.plaintext();
        int kind = Content.kind(plaintext);
        boolean application = Content.application(kind);
        if (media && !Content.media(kind)) {
            // what must never be dropped (members, chat, media state, requests) never travels where the relay may drop it
            state.drop(sender, DropReason.MALFORMED_CONTENT, "content of kind " + kind + " in a MEDIA envelope");
            return;
        }
        try {
            if (kind == Content.MEMBERS) {
                members(sender, opened.epoch(), Content.readMembers(plaintext));
            } else if (kind == Content.CHAT) {
                chat(sender, direct, Content.readChat(plaintext));
            } else if (application) {
                state.events.queue(new SessionEvent.ContentReceived(sender, kind, Content.body(plaintext), direct,
                        opened.epoch()));
            }
        } catch (RuntimeException malformed) {
            state.drop(sender, DropReason.MALFORMED_CONTENT, "malformed content of kind " + kind + ": " + malformed.getMessage());
        }
    }

    // README §8: members of the current epoch, from the keyholder that gave us its key, naming us; once per epoch
    private void members(int sender, long sealedIn, Content.Members m) {
        if (state.keyholder) {
            state.drop(sender, DropReason.MEMBERS_WHILE_KEYHOLDER, "members message from " + sender + " while we hold the keys");
            return;
        }
        EpochSecret current = state.keys.current().orElseThrow();
        boolean fits = m.epoch() == sealedIn && current.epoch() == sealedIn && m.keyholder() == sender
                && sender == state.keySender && m.members().contains(state.me);
        if (!fits) {
            state.drop(sender, DropReason.MEMBERS_MISMATCH, "members message for epoch " + m.epoch() + " from " + sender
                    + " does not fit ours (epoch " + current.epoch() + " from " + state.keySender + ")");
            return;
        }
        if (state.membership != null && state.membership.epoch() == m.epoch()) {
            if (!state.membership.members().equals(m.members())) {
                state.drop(sender, DropReason.MEMBERS_CHANGED, "a second, different members list for epoch " + m.epoch());
            }
            return; // the keyholder's greeting to a newcomer repeats what we know
        }
        state.membership(current, sender, m.members());
    }

    private void chat(int sender, boolean direct, Content.Chat chat) {
        String name = state.participant(sender).map(Participant::name).orElse("participant " + sender);
        state.events.queue(new SessionEvent.ChatReceived(sender, name, chat.text(), chat.sentAt(), direct));
    }

    /** Keyholder only: lets a waiting participant in. */
    void admit(int id) {
        synchronized (this) {
            if (!state.keyholder) {
                throw new IllegalStateException("participant " + state.me + " does not hold the keys");
            }
            keyholder.admit(id);
        }
        state.events.deliver();
    }

    /** Seals and sends one content frame; {@code recipient} 0 is everyone. */
    void send(int recipient, byte[] plaintext) {
        synchronized (this) {
            requireKey();
            if (state.sendingHeld) {
                state.holdBack(recipient, plaintext); // sealed once the new epoch's members are known
            } else {
                state.sendData(recipient, plaintext);
            }
        }
    }

    void sendIn(long epoch, int recipient, byte[] plaintext) {
        synchronized (this) {
            requireKey();
            requireNotHeld();
            state.sendDataIn(epoch, recipient, plaintext);
        }
    }

    /** Seals one content frame and sends it as MEDIA with {@code mark} (README §12). */
    void sendMedia(int recipient, int mark, byte[] plaintext) {
        synchronized (this) {
            requireKey();
            requireNotHeld();
            state.sendMedia(recipient, mark, state.keys.sealInHeld(state.membership.epoch(), plaintext));
        }
    }

    void sendMediaIn(long epoch, int recipient, int mark, byte[] plaintext) {
        synchronized (this) {
            requireKey();
            requireNotHeld();
            state.sendMedia(recipient, mark, state.keys.sealIn(epoch, plaintext));
        }
    }

    // media is not held back like other content: a frame that waited would be stale, and the sender's next refresh point replaces it
    private void requireNotHeld() {
        if (state.sendingHeld) {
            throw new IllegalStateException("the keys are changing: a fresh epoch's members are not known yet");
        }
    }

    // README §8: nothing is sealed in an epoch before its members message, so we send only once we have one
    private void requireKey() {
        if (state.closed || state.membership == null || !state.member(state.me)) {
            throw new IllegalStateException("participant " + state.me + " holds no key yet (not admitted)");
        }
    }

    /** Sends one access-handshake message, in the clear, to participant {@code recipient}. */
    void sendHandshake(int recipient, byte[] json) {
        synchronized (this) {
            if (state.closed || state.me == 0) {
                throw new IllegalStateException("cannot send a handshake: " + (state.closed ? "the session has ended" : "not joined yet"));
            }
            if (recipient == state.me) {
                throw new IllegalArgumentException("participant " + state.me + " cannot send a handshake to itself");
            }
            state.send(MessageType.HANDSHAKE, recipient, json.clone());
        }
    }

    void sendChat(int recipient, String text) {
        send(recipient, Content.chat(text, Instant.now()));
    }

    /** Says goodbye; the relay then closes the connection. */
    void leave() {
        synchronized (this) {
            if (!state.closed && state.me != 0) {
                state.send(MessageType.LEAVE, Envelope.EVERYONE, new byte[0]);
            }
        }
    }

    /** The connection ended: nothing more is handled, and the listener hears it once. */
    void closed(SessionEvent.Closed how) {
        synchronized (this) {
            if (state.closed) {
                return;
            }
            state.closed = true;
            state.events.queue(how);
        }
        state.events.deliver();
    }

    /** A message that is not an envelope at all. */
    void dropMalformed(String problem) {
        synchronized (this) {
            state.drop(0, DropReason.MALFORMED, "malformed message: " + problem);
        }
        state.events.deliver();
    }

    byte[] publicKey() {
        return state.keyPair.publicKey();
    }

    // --- what the client reads ---

    synchronized int id() {
        return state.me;
    }

    synchronized List<Participant> participants() {
        return state.participants();
    }

    synchronized List<Participant> waiting() {
        return state.waiting.stream().map(state::participant).flatMap(Optional::stream).toList();
    }

    synchronized Optional<Membership> membership() {
        return Optional.ofNullable(state.membership);
    }

    /** README §8: the code of the epoch we hold, once its members are known; none between a KEY and its members. */
    synchronized Optional<VerificationCode> verificationCode() {
        if (state.membership == null || state.keys == null) {
            return Optional.empty();
        }
        long epoch = state.membership.epoch();
        return state.keys.current().filter(current -> current.epoch() == epoch).map(current -> state.membership.code());
    }

    synchronized boolean holdsKeys() {
        return state.keyholder;
    }

    synchronized Optional<SessionKeys> keys() {
        return Optional.ofNullable(state.keys);
    }

    long dropped() {
        return state.dropped.get();
    }

    /** README §9.1: the input key between us and the other of {@code presenter} and {@code controller}. */
    InputKey inputKey(Participant presenter, Participant controller) {
        return InputKey.derive(state.keyPair, state.meetingId, presenter.id(), presenter.publicKey(), controller.id(),
                controller.publicKey());
    }
}
