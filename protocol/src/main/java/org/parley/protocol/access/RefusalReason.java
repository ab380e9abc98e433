package org.parley.protocol.access;

import java.util.Optional;

/** Why an agent refuses an access handshake: the {@code reason} of a {@code refused} message (README §10). */
public enum RefusalReason {
    /** The caller's proof M1 did not verify: the access password is wrong. */
    PASSWORD("password"),
    /** Too many wrong passwords recently: every attempt is refused for a while. */
    LOCKED("locked"),
    /** The owner paused access to this machine. */
    PAUSED("paused"),
    /** Someone else is connected and the agent takes one caller at a time. */
    BUSY("busy"),
    /**
     * The password was right but the binding to the JOIN keys was not: someone between the two
     * (the relay) swapped a public key. Not counted as a wrong password.
     */
    TAMPERED("tampered");

    private final String wire;

    RefusalReason(String wire) {
        this.wire = wire;
    }

    /** The {@code reason} text on the wire. */
    public String wire() {
        return wire;
    }

    /** The reason with this wire text, empty when v1 does not define it. */
    public static Optional<RefusalReason> of(String wire) {
        for (RefusalReason reason : values()) {
            if (reason.wire.equals(wire)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
