package org.parley.protocol.client;

import org.parley.protocol.sframe.SFrameException;

/**
 * Why a participant refused to use something that arrived (protocol README §8, "What a client
 * drops"). The codes are the protocol's, shared word for word with the browser client
 * ({@code js/session/session.js}) and checked for both by the conformance suite, so the two
 * clients cannot drift apart in what they accept.
 */
public enum DropReason {
    /** Not an envelope, or a control message (JSON) that does not parse. */
    MALFORMED("malformed"),
    /** ROSTER or ERROR from a sender other than the relay (id 0). */
    FORGED_CONTROL("forged-control"),
    /** A participant's message from the relay, ourselves, or someone not present. */
    UNKNOWN_SENDER("unknown-sender"),
    /** Addressed to another participant. */
    MISROUTED("misrouted"),
    /** A type a participant never receives (JOIN, LEAVE). */
    UNEXPECTED_TYPE("unexpected-type"),
    /** A second snapshot, or a roster change before the first. */
    UNEXPECTED_ROSTER("unexpected-roster"),
    /** ADMIT while we hold keys already, or from a second participant. */
    UNEXPECTED_ADMIT("unexpected-admit"),
    /** A KEY while we are the keyholder: we make the keys. */
    KEY_WHILE_KEYHOLDER("key-while-keyholder"),
    /** A KEY from anyone but the current keyholder (or, before our first members, who admitted us). */
    KEY_NOT_FROM_KEYHOLDER("key-not-from-keyholder"),
    /** A KEY that does not open for us as sealed by its sender's JOIN key. */
    KEY_DOES_NOT_OPEN("key-does-not-open"),
    /** A KEY for an epoch not newer than the one we hold. */
    STALE_KEY("stale-key"),
    /** DATA before we hold any key. */
    NO_KEY_YET("no-key-yet"),
    /** SFrame: fewer bytes than the header or the tag needs. */
    TRUNCATED("truncated"),
    /** SFrame: a header not in its shortest encoding. */
    MALFORMED_FRAME("malformed-frame"),
    /** SFrame: an epoch we do not hold. */
    UNKNOWN_EPOCH("unknown-epoch"),
    /** SFrame: the KID names another sender than the envelope. */
    SENDER_MISMATCH("sender-mismatch"),
    /** SFrame: a counter already accepted. */
    REPLAY("replay"),
    /** SFrame: a counter below the replay window. */
    TOO_OLD("too-old"),
    /** SFrame: the tag does not verify. */
    BAD_TAG("bad-tag"),
    /** A plaintext whose kind we know but whose body is malformed. */
    MALFORMED_CONTENT("malformed-content"),
    /** A members message that does not fit: another epoch, another keyholder, not from who gave us the key, or without us. */
    MEMBERS_MISMATCH("members-mismatch"),
    /** A second, different members list for an epoch we already have one for. */
    MEMBERS_CHANGED("members-changed"),
    /** A members message while we are the keyholder: we make them. */
    MEMBERS_WHILE_KEYHOLDER("members-while-keyholder");

    private final String code;

    DropReason(String code) {
        this.code = code;
    }

    /** The shared code, e.g. {@code key-not-from-keyholder}. */
    public String code() {
        return code;
    }

    static DropReason of(SFrameException.Reason reason) {
        return switch (reason) {
            case TRUNCATED_HEADER, TRUNCATED_CIPHERTEXT -> TRUNCATED;
            case MALFORMED_HEADER -> MALFORMED_FRAME;
            case UNKNOWN_EPOCH -> UNKNOWN_EPOCH;
            case SENDER_MISMATCH -> SENDER_MISMATCH;
            case REPLAY -> REPLAY;
            case TOO_OLD -> TOO_OLD;
            case BAD_TAG -> BAD_TAG;
        };
    }
}
