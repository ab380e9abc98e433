package org.parley.protocol.keys;

/**
 * An SFrame KID as Parley assigns them (protocol README §3): {@code epoch * 65536 + senderId}, so
 * one KID names one sender in one epoch and every sender has its own nonce space.
 *
 * @param epoch the epoch, 0 to {@link EpochSecret#MAX_EPOCH}
 * @param sender the session-local participant id, 1–65535
 */
public record Kid(long epoch, int sender) {

    /** The largest participant id (ids must fit 16 bits of the KID). */
    public static final int MAX_SENDER = 0xffff;

    /** Rejects an epoch or sender id out of range. */
    public Kid {
        if (epoch < 0 || epoch > EpochSecret.MAX_EPOCH) {
            throw new IllegalArgumentException("epoch must be 0–" + EpochSecret.MAX_EPOCH + ", got " + epoch);
        }
        if (sender < 1 || sender > MAX_SENDER) {
            throw new IllegalArgumentException("sender id must be 1–" + MAX_SENDER + ", got " + sender);
        }
    }

    /** The KID as it goes into the SFrame header. */
    public long value() {
        return epoch << 16 | sender;
    }

    /** The epoch part of a header's KID (unsigned; may exceed {@link EpochSecret#MAX_EPOCH} on bad input). */
    static long epochOf(long kid) {
        return kid >>> 16;
    }

    /** The sender part of a header's KID. */
    static int senderOf(long kid) {
        return (int) (kid & MAX_SENDER);
    }
}
