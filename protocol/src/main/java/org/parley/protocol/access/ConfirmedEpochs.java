package org.parley.protocol.access;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.VerificationCode;

/**
 * The caller's side of the epoch confirmation (README §10): which of the session's epochs the agent
 * has proved with K, so the caller shows frames and sends input only in those. KEY delivery (HPKE
 * base mode) authenticates nobody, so a relay can hand the caller a secret of its own; it cannot
 * make the agent's {@code epoch-confirm} for it without K.
 *
 * <p>Feed it every envelope as it arrives ({@link #arrived}, e.g. as {@code Connector.observer}),
 * so it learns of a new epoch before the session can open anything sealed with it; every
 * {@code EpochChanged} ({@link #epochChanged}); K once the handshake is accepted; and every
 * {@code epoch-confirm} ({@link #confirm}). The session may use the content it opens while
 * {@link #trusted()}; it ends the connection, saying {@link #UNPROVEN}, when a confirm is refused or
 * an epoch stays unconfirmed too long ({@link #overdue()}). Thread-safe.
 */
public final class ConfirmedEpochs {
    /** How long an epoch may stay unconfirmed before the caller gives up on the connection. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    /** What the caller tells the person when it ends the connection for an epoch the agent did not prove. */
    public static final String UNPROVEN = "The computer could not prove the connection’s keys; disconnected for your safety.";
    // a relay can announce epochs at will; an honest agent has one or two outstanding at a time
    private static final int MAX_UNCONFIRMED = 16;

    private final Clock clock;
    private final NavigableSet<Long> unconfirmed = new TreeSet<>(); // seen arriving, newer than `confirmed`
    private final NavigableMap<Long, VerificationCode> codes = new TreeMap<>(); // of the unconfirmed epochs we hold
    private byte[] sessionKey; // K, once the handshake is accepted
    private Instant keySince;
    private Instant unconfirmedSince; // when the oldest epoch still unconfirmed appeared
    private long confirmed = -1;
    private boolean refused;

    /** Before the handshake: records epochs from now on; K comes with {@link #accepted}. */
    public ConfirmedEpochs(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The handshake succeeded: K proves the agent's epochs from now on. */
    public synchronized void accepted(CallerStep.Accepted handshake) {
        if (sessionKey != null) {
            throw new IllegalStateException("K is known already: one ConfirmedEpochs per connection");
        }
        sessionKey = handshake.sessionKey().clone();
        keySince = clock.instant();
    }

    /**
     * An envelope as it arrives, before the session handles it: a KEY names an epoch (its first 8
     * bytes) whose secret the session may install.
     */
    public void arrived(Envelope envelope) {
        if (envelope.type() == MessageType.KEY && envelope.payloadLength() >= Long.BYTES) {
            long epoch = envelope.payload().getLong(envelope.payload().position());
            if (epoch >= 0 && epoch <= EpochSecret.MAX_EPOCH) {
                seen(epoch); // a KEY beyond the range does not open
            }
        }
    }

    /** The session may now hold a secret for {@code epoch}: nothing of it is trusted until the agent confirms it. */
    public synchronized void seen(long epoch) {
        if (epoch <= confirmed || !unconfirmed.add(epoch)) {
            return;
        }
        if (unconfirmedSince == null) {
            unconfirmedSince = clock.instant();
        }
        if (unconfirmed.size() > MAX_UNCONFIRMED) {
            refused = true;
        }
    }

    /** The session's new epoch and its verification code (its {@code EpochChanged}). */
    public synchronized void epochChanged(long epoch, VerificationCode code) {
        Objects.requireNonNull(code, "code");
        seen(epoch);
        if (epoch > confirmed) {
            codes.put(epoch, code);
        }
    }

    /**
     * The agent's {@code epoch-confirm}. It proves its epoch only if it is the oldest one still
     * unconfirmed (an honest agent confirms every epoch it gives us, in order), we know that epoch's
     * code, and the MAC over it verifies under K.
     *
     * @return whether the epoch is proven; false: end the connection, saying {@link #UNPROVEN}
     * @throws AccessHandshakeException if the message is not a valid {@code epoch-confirm} (end it too)
     * @throws IllegalStateException before {@link #accepted}
     */
    public synchronized boolean confirm(byte[] message) throws AccessHandshakeException {
        if (sessionKey == null) {
            throw new IllegalStateException("an epoch-confirm needs K: call accepted() first");
        }
        AccessMessage.EpochConfirm confirm;
        try {
            if (!(AccessMessage.parse(message) instanceof AccessMessage.EpochConfirm c)) {
                throw new AccessHandshakeException("expected epoch-confirm");
            }
            confirm = c;
        } catch (AccessHandshakeException malformed) {
            refused = true;
            throw malformed;
        }
        long epoch = confirm.epoch();
        VerificationCode code = codes.get(epoch);
        boolean proven = !refused && code != null && !unconfirmed.isEmpty() && unconfirmed.first() == epoch
                && MessageDigest.isEqual(Srp.epochMac(sessionKey, epoch, code), confirm.mac());
        if (!proven) {
            refused = true;
            return false;
        }
        confirmed = epoch;
        unconfirmed.headSet(epoch, true).clear();
        codes.headMap(epoch, true).clear();
        unconfirmedSince = unconfirmed.isEmpty() ? null : clock.instant();
        return true;
    }

    /**
     * Whether what the session opens now may be shown and used, and input sent: every epoch it may
     * hold a secret for has been proven by the agent.
     */
    public synchronized boolean trusted() {
        return sessionKey != null && !refused && confirmed >= 0 && unconfirmed.isEmpty();
    }

    /**
     * Whether to end the connection: a confirm was refused, or an epoch has waited for its confirm
     * longer than {@link #WAIT} since K was known.
     */
    public synchronized boolean overdue() {
        if (refused) {
            return true;
        }
        if (sessionKey == null || unconfirmedSince == null) {
            return false;
        }
        Instant since = unconfirmedSince.isAfter(keySince) ? unconfirmedSince : keySince;
        return !clock.instant().isBefore(since.plus(WAIT));
    }

    /** The newest epoch the agent proved, or -1 for none yet. */
    public synchronized long confirmedEpoch() {
        return confirmed;
    }

    @Override
    public synchronized String toString() {
        return "ConfirmedEpochs[confirmed=" + confirmed + ", unconfirmed=" + unconfirmed + ", refused=" + refused + "]";
    }
}
