package org.parley.protocol.client;

import java.util.Objects;

/**
 * Someone present in the session, as the relay's roster says (protocol README §8). Name and role
 * are the server's word and decide no admission on their own: only an {@code invitee} the roster
 * also marks {@code "vouched"} — a choice the meeting's organizer made — is let in on them, and by
 * this client only when asked to ({@link Connector#admitVouchedInvitees()}).
 *
 * @param id the session-local participant id, 1–65535
 * @param name the display name the server gives
 * @param role {@code "organizer"}, {@code "invitee"} or {@code "registrant"} (or a newer role)
 * @param publicKey the 32-byte X25519 public key of the participant's JOIN (not copied; do not modify)
 */
public record Participant(int id, String name, String role, byte[] publicKey) {

    /** Rejects null fields. */
    public Participant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Whether the server says this is the meeting's organizer. */
    public boolean organizer() {
        return role.equals("organizer");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Participant p && p.id == id && p.name.equals(name) && p.role.equals(role)
                && java.util.Arrays.equals(p.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, role, java.util.Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return "Participant[" + id + " \"" + name + "\" " + role + "]";
    }
}
