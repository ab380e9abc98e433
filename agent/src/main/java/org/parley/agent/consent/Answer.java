package org.parley.agent.consent;

/** What the customer answered to a {@link Question}. Only {@link #ALLOW} allows anything. */
public enum Answer {
    /** The customer clicked Allow. */
    ALLOW,
    /** The customer clicked Decline, pressed Escape or Enter, closed the window, or it could not be shown. */
    DECLINE,
    /** No answer before the prompt's time ran out. */
    TIMED_OUT;

    /** Whether this answer allows what was asked. */
    public boolean allowed() {
        return this == ALLOW;
    }
}
