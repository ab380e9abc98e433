package org.parley.protocol.client;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link SessionClient} tells its {@link SessionListener}. A closed set: switch over it.
 */
public sealed interface SessionEvent {

    /** The relay let us in: our id and who is present (us included). */
    record Joined(int you, List<Participant> participants) implements SessionEvent {
        /** Copies the list. */
        public Joined {
            participants = List.copyOf(participants);
        }
    }

    /** Someone arrived or left; {@code participants} is everyone present now, us included. */
    record RosterChanged(List<Participant> participants) implements SessionEvent {
        /** Copies the list. */
        public RosterChanged {
            participants = List.copyOf(participants);
        }
    }

    /** We hold the keys and {@code participant} waits to be let in: call {@link SessionClient#admit(int)}. */
    record Waiting(Participant participant) implements SessionEvent {
    }

    /** The keyholder {@code by} let us in; a key follows. */
    record Admitted(int by) implements SessionEvent {
    }

    /** A new epoch is in force: new members, a new verification code to compare again. */
    record EpochChanged(Membership membership) implements SessionEvent {
    }

    /** A chat message from {@code sender}; {@code direct} when it was sent to us alone. */
    record ChatReceived(int sender, String senderName, String text, Instant sentAt, boolean direct)
            implements SessionEvent {
    }

    /**
     * Other in-session content (kinds 0x10–0x3f: screen sharing and control, voice and webcams, support tools) for the caller to
     * interpret; {@code body} is the plaintext after the kind byte, {@code epoch} the epoch of the
     * SFrame frame it came in (what a 0x11 input event's tag binds, README §9.1).
     */
    record ContentReceived(int sender, int kind, byte[] body, boolean direct, long epoch) implements SessionEvent {
    }

    /**
     * An access-handshake message (README §10) that {@code sender} addressed to us, in the clear:
     * {@code payload} is its UTF-8 JSON as received, for an {@code org.parley.protocol.access}
     * class to check. It may come before we hold any key.
     */
    record HandshakeReceived(int sender, byte[] payload) implements SessionEvent {
    }

    /**
     * Something we could not or would not use (no key yet, forged, replayed, malformed). Counted.
     * {@code reason} is the shared code the browser client uses too; {@code detail} says more, for logs.
     */
    record Dropped(int sender, DropReason reason, String detail) implements SessionEvent {
    }

    /** The relay refused something we sent ({@code error} is its code, e.g. {@code not_present}). */
    record Refused(String error, String message) implements SessionEvent {
    }

    /**
     * The relay began dropping {@code from}'s MEDIA of {@code stream} to us because we fell behind
     * (README §12, ERROR {@code media_dropped}): what arrives of that sender's stream now resumes only
     * at its next refresh point, so a viewer asks the sender for one (0x13 for the screen, stream 0;
     * 0x24 for a camera layer). {@code stream} is a {@link org.parley.protocol.envelope.MediaMark}
     * stream, 0 when the notice names none.
     */
    record MediaDropped(int from, int stream) implements SessionEvent {
    }

    /** The connection ended; no event follows. */
    record Closed(int code, String reason) implements SessionEvent {
    }
}
