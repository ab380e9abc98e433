package org.parley.protocol.access;

/**
 * What an {@link AccessHost} answers to one message from the caller. Every step carries the
 * HANDSHAKE payload to send back; the agent then acts on the kind of step.
 */
public sealed interface HostStep {

    /** The UTF-8 JSON to send to the caller in a HANDSHAKE envelope. */
    byte[] message();

    /** Step 2: the salt and B; the caller's evidence comes next. */
    record Challenge(byte[] message) implements HostStep {
    }

    /**
     * Step 4: the caller knows the password and bound it to both JOIN keys; send the {@code srp-ok},
     * then ADMIT and KEY as in README §8, and {@link AccessHost#epochConfirm} after each epoch change
     * that includes the caller.
     *
     * @param sessionKey {@code K = H(PAD(S))}, which only the two ends know: keep it while the caller is in
     */
    record Accepted(byte[] message, byte[] sessionKey) implements HostStep {
    }

    /**
     * The caller is refused: send the {@code refused} message and admit nobody. A {@link RefusalReason#PASSWORD}
     * has been counted by the {@link AccessLockout} already.
     */
    record Refused(byte[] message, RefusalReason reason) implements HostStep {
    }
}
