package org.parley.agent.screen;

/**
 * A well-formed change frame that cannot be applied: no keyframe yet, a different screen size, or
 * an earlier message was malformed. The viewer answers with a keyframe request (0x13).
 */
public final class KeyframeNeededException extends Exception {

    /** A refusal with its reason. */
    public KeyframeNeededException(String reason) {
        super(reason);
    }
}
