package org.parley.agent.input;

/** An input event we will not apply: malformed, unknown, or out of bounds; the message says why. */
public final class RefusedInputException extends Exception {

    /** A refusal with its reason. */
    public RefusedInputException(String reason) {
        super(reason);
    }
}
