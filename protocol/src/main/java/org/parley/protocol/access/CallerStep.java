package org.parley.protocol.access;

/** What an {@link AccessCaller} makes of one message from the agent. */
public sealed interface CallerStep {

    /** Send {@code message} (the {@code srp-evidence}) to the agent in a HANDSHAKE envelope. */
    record Send(byte[] message) implements CallerStep {
    }

    /**
     * The agent proved it holds this machine's verifier (M2 verified): expect ADMIT and KEY from it,
     * and trust an epoch only once the agent confirmed it ({@link ConfirmedEpochs#accepted}).
     *
     * @param sessionKey {@code K = H(PAD(S))}, which only the two ends know
     */
    record Accepted(byte[] sessionKey) implements CallerStep {
    }

    /** The agent refused; {@code message} is its text for the person (at most 500 characters). */
    record Refused(RefusalReason reason, String message) implements CallerStep {
    }
}
