package org.parley.protocol.keys;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.ReplayWindow;
import org.parley.protocol.sframe.SFrameKey;

/**
 * What one participant holds for one epoch: the secret, its own sending key and next counter, and,
 * per sender heard from, the receiving key and replay window. Thread-safe.
 */
final class Epoch {

    /** The key and replay window of one sender's KID. */
    record Receiver(SFrameKey key, ReplayWindow window) {
    }

    private final EpochSecret secret;
    private final CipherSuite suite;
    private final SFrameKey sendingKey;
    // README §3: CTR starts at 0 for each (epoch, sender) and is never reused.
    private final AtomicLong nextCounter = new AtomicLong();
    private final ConcurrentMap<Integer, Receiver> receivers = new ConcurrentHashMap<>();

    Epoch(EpochSecret secret, CipherSuite suite, int ownId) {
        this.secret = secret;
        this.suite = suite;
        this.sendingKey = secret.senderKey(ownId, suite);
    }

    EpochSecret secret() {
        return secret;
    }

    long number() {
        return secret.epoch();
    }

    SFrameKey sendingKey() {
        return sendingKey;
    }

    /** The next unused counter of our own KID. */
    long takeCounter() {
        long ctr = nextCounter.getAndIncrement();
        if (ctr < 0) { // 2^63 frames: unreachable in practice, but never wrap into reuse
            throw new IllegalStateException("epoch " + number() + ": sending counter exhausted");
        }
        return ctr;
    }

    /** The cached receiver of {@code sender}, or null. */
    Receiver receiver(int sender) {
        return receivers.get(sender);
    }

    /** A receiver for {@code sender}, not yet cached: only one whose frame authenticated is kept. */
    Receiver newReceiver(int sender) {
        return new Receiver(secret.senderKey(sender, suite), new ReplayWindow());
    }

    /** Caches {@code receiver} unless another thread cached one first; returns the cached one. */
    Receiver keep(int sender, Receiver receiver) {
        Receiver earlier = receivers.putIfAbsent(sender, receiver);
        return earlier == null ? receiver : earlier;
    }
}
