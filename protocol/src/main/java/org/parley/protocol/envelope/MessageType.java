package org.parley.protocol.envelope;

import java.util.Optional;

/**
 * What an envelope carries, as the one-byte wire code the relay routes on. The codes are part of
 * the wire format (protocol/README.md) and never change meaning; 0 is reserved as invalid.
 */
public enum MessageType {
    /** Participant to server: asks to join, carries the joiner's X25519 public key. */
    JOIN(1),
    /** Server to participants: who is present and authorized. */
    ROSTER(2),
    /** Keyholder to server: admits a waiting participant. */
    ADMIT(3),
    /** Keyholder to one recipient: an HPKE-sealed epoch secret (RFC 9180); recipient must not be 0. */
    KEY(4),
    /** Participant to everyone or one: an SFrame ciphertext (RFC 9605). */
    DATA(5),
    /** Participant or server: someone leaves or is removed. */
    LEAVE(6),
    /** Server to participant: a refused request. */
    ERROR(7),
    /**
     * Participant to one participant: a clear access-handshake message (README §10), before the
     * recipient holds any key; recipient must not be 0 and the payload is at most
     * {@link #HANDSHAKE_MAX_PAYLOAD} bytes.
     */
    HANDSHAKE(8),
    /**
     * Participant to everyone or one: screen media (README §12, "Media flow control"). The payload is
     * one clear {@link MediaMark mark} byte, then an SFrame ciphertext as in DATA. The relay may drop
     * a MEDIA for a receiver that is behind, choosing by the mark alone; so a MEDIA carries only
     * content that a later refresh point replaces, never chat, keys, members, grants or input.
     */
    MEDIA(9),
    /**
     * Participant to the relay only (recipient 0, never forwarded): how many bytes of MEDIA
     * envelopes, counted whole, this receiver has finished with since it joined, as a u64 (README §12,
     * "Media flow control"). A receiver that acknowledges is behind while too much media it was sent
     * waits for its acknowledgement, so the relay drops for a slow decoder as for a slow link.
     */
    MEDIA_ACK(10);

    /** The largest HANDSHAKE payload: a handshake message is a few hundred bytes of JSON. */
    public static final int HANDSHAKE_MAX_PAYLOAD = 4096;
    /** A MEDIA_ACK payload: one u64. */
    public static final int MEDIA_ACK_PAYLOAD = 8;

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The wire code, 1–255. */
    public int code() {
        return code;
    }

    /** Whether an envelope of this type must name one recipient (KEY, HANDSHAKE): 0 is refused. */
    public boolean needsRecipient() {
        return this == KEY || this == HANDSHAKE;
    }

    /** The largest payload this type allows by itself; a codec's own limit may be lower. */
    public int maxPayload() {
        return switch (this) {
            case HANDSHAKE -> HANDSHAKE_MAX_PAYLOAD;
            case MEDIA_ACK -> MEDIA_ACK_PAYLOAD;
            default -> Integer.MAX_VALUE;
        };
    }

    /** The smallest payload this type allows: a MEDIA needs its mark byte, a MEDIA_ACK its count. */
    public int minPayload() {
        return switch (this) {
            case MEDIA -> 1;
            case MEDIA_ACK -> MEDIA_ACK_PAYLOAD;
            default -> 0;
        };
    }

    /** The type with this wire code (0–255), empty when the code is unassigned. */
    public static Optional<MessageType> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
