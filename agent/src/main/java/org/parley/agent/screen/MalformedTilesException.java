package org.parley.agent.screen;

/** A 0x10 body that breaks the format of protocol README §9; the message says how. */
public final class MalformedTilesException extends Exception {

    /** A refusal with its reason. */
    public MalformedTilesException(String reason) {
        super(reason);
    }
}
