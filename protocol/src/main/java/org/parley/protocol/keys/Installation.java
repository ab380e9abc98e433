package org.parley.protocol.keys;

/** What {@link SessionKeys#install(EpochSecret)} did with an epoch secret. */
public enum Installation {
    /** It is now the current epoch; the one before is kept for late frames. */
    INSTALLED,
    /** We already hold exactly this secret for this epoch: nothing changed. */
    DUPLICATE,
    /** Its epoch is older than the current one: ignored, epochs never go back. */
    STALE,
    /**
     * A different secret for the epoch we hold: ignored, the first one stays. Either two keyholders
     * raced or someone (the relay can make KEY payloads too, README §4 and §7) tried to swap the key.
     */
    CONFLICT
}
