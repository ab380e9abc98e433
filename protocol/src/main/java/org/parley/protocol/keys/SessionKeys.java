package org.parley.protocol.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameException.Reason;
import org.parley.protocol.sframe.SFrameHeader;

/**
 * One participant's end-to-end keys for one session (protocol README §2–§3): it seals with the
 * current epoch under its own KID and opens frames of any sender in the current epoch or, for a
 * short grace period after a change, the previous one. Older epochs are dropped, so memory stays
 * bounded and a participant removed two epoch changes ago is forgotten.
 *
 * <p>Thread-safe: a relay client may call {@link #open} from its receive thread while other
 * threads call {@link #seal}, and install new epochs at any time. Epoch changes swap an immutable
 * snapshot; per-sender keys and replay windows synchronise on themselves.
 */
public final class SessionKeys {

    /** How long frames of the previous epoch are still accepted after a new one is installed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final byte[] NO_METADATA = new byte[0];

    /** The epochs held; {@code previous} is accepted until {@code previousUntil}. */
    private record Held(Epoch current, Epoch previous, Instant previousUntil) {
        static final Held NONE = new Held(null, null, Instant.MIN);
    }

    private final int ownId;
    private final CipherSuite suite;
    private final Clock clock;
    private final Duration grace;
    private volatile Held held = Held.NONE;

    /** Keys for participant {@code ownId} with the {@link #DEFAULT_GRACE default grace} and the system clock. */
    public SessionKeys(int ownId, CipherSuite suite) {
        this(ownId, suite, Clock.systemUTC(), DEFAULT_GRACE);
    }

    /**
     * Keys for participant {@code ownId}, accepting previous-epoch frames for {@code grace} after
     * each epoch change as measured by {@code clock}.
     */
    public SessionKeys(int ownId, CipherSuite suite, Clock clock, Duration grace) {
        new Kid(0, ownId); // validates the id
        this.ownId = ownId;
        this.suite = Objects.requireNonNull(suite, "suite");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, got " + grace);
        }
        this.grace = grace;
    }

    /** Our session-local participant id, the sender part of our KIDs. */
    public int ownId() {
        return ownId;
    }

    /** The current epoch secret, empty before the first one. */
    public Optional<EpochSecret> current() {
        Epoch current = held.current;
        return current == null ? Optional.empty() : Optional.of(current.secret());
    }

    /** As the first keyholder: starts epoch 0 from random bytes (README §2) and returns it. */
    public synchronized EpochSecret start(SecureRandom random) {
        if (held.current != null) {
            throw new IllegalStateException("session keys already hold epoch " + held.current.number());
        }
        EpochSecret first = EpochSecret.random(0, random);
        install(first);
        return first;
    }

    /**
     * On a join: moves to the ratcheted next epoch (README §2) and returns it. The keyholder seals
     * it to the newcomer; every participant holding the current epoch can compute it too.
     */
    public synchronized EpochSecret advanceOnJoin() {
        EpochSecret next = requireCurrent().secret().afterJoin();
        install(next);
        return next;
    }

    /** As keyholder, on a leave or removal: moves to a fresh random epoch and returns it to deliver. */
    public synchronized EpochSecret advanceOnLeave(SecureRandom random) {
        EpochSecret next = requireCurrent().secret().afterLeave(random);
        install(next);
        return next;
    }

    /**
     * Makes {@code secret} the current epoch if it is newer than the one held; the one held becomes
     * the previous epoch, accepted for the grace period. Epochs never go back.
     */
    public synchronized Installation install(EpochSecret secret) {
        Held now = held;
        if (now.current != null) {
            long currentEpoch = now.current.number();
            if (secret.epoch() < currentEpoch) {
                return Installation.STALE;
            }
            if (secret.epoch() == currentEpoch) {
                return secret.sameAs(now.current.secret()) ? Installation.DUPLICATE : Installation.CONFLICT;
            }
        }
        held = new Held(new Epoch(secret, suite, ownId), now.current, clock.instant().plus(grace));
        return Installation.INSTALLED;
    }

    /** Seals {@code plaintext} as our next frame of the current epoch: header || ciphertext || tag. */
    public byte[] seal(byte[] plaintext) {
        Epoch current = requireCurrent();
        return current.sendingKey().seal(current.takeCounter(), NO_METADATA, plaintext);
    }

    /**
     * Seals {@code plaintext} only if the current epoch is {@code epoch}: whoever holds a newer key
     * (delivered to us before we learned who holds it) must not be able to open it.
     *
     * @throws IllegalStateException if the current epoch is another one
     */
    public synchronized byte[] sealIn(long epoch, byte[] plaintext) {
        Epoch current = requireCurrent();
        if (current.number() != epoch) {
            throw new IllegalStateException("the current epoch is " + current.number() + ", not " + epoch);
        }
        return current.sendingKey().seal(current.takeCounter(), NO_METADATA, plaintext);
    }

    /**
     * Seals {@code plaintext} in epoch {@code epoch} if we still hold it: the current epoch, or the
     * previous one within its grace period. A participant whose newer key came before the members
     * message naming who else holds it goes on sending in the epoch whose members it knows.
     *
     * @throws IllegalStateException if {@code epoch} is not held
     */
    public byte[] sealInHeld(long epoch, byte[] plaintext) {
        Epoch held;
        try {
            held = epoch(epoch);
        } catch (SFrameException notHeld) {
            throw new IllegalStateException(notHeld.getMessage());
        }
        return held.sendingKey().seal(held.takeCounter(), NO_METADATA, plaintext);
    }

    /**
     * Opens a frame that arrived in an envelope from {@code envelopeSender}.
     *
     * @throws SFrameException with the reason it is refused: a malformed or truncated frame, a KID
     *     naming another sender, an epoch we do not hold, a replayed or too old counter, a bad tag
     */
    public OpenedFrame open(int envelopeSender, byte[] frame) throws SFrameException {
        SFrameHeader header = SFrameHeader.decode(frame, 0, frame.length);
        int sender = Kid.senderOf(header.kid());
        if (sender != envelopeSender) {
            throw new SFrameException(Reason.SENDER_MISMATCH, "KID names sender " + sender
                    + ", envelope came from " + Integer.toUnsignedString(envelopeSender));
        }
        Epoch epoch = epoch(Kid.epochOf(header.kid()));
        Epoch.Receiver receiver = epoch.receiver(sender);
        boolean cached = receiver != null;
        if (!cached) {
            receiver = epoch.newReceiver(sender);
        }
        receiver.window().check(header.ctr());
        byte[] plaintext = receiver.key().open(header, frame, 0, frame.length, NO_METADATA);
        if (!cached) {
            // Only keys that opened a frame are kept, so forged KIDs cannot fill memory.
            receiver = epoch.keep(sender, receiver);
        }
        receiver.window().accept(header.ctr());
        return new OpenedFrame(epoch.number(), sender, header.ctr(), plaintext);
    }

    /** The verification code of the current epoch for the participants' public keys (README §6). */
    public VerificationCode verificationCode(Iterable<byte[]> publicKeys) {
        return requireCurrent().secret().verificationCode(publicKeys);
    }

    private Epoch epoch(long number) throws SFrameException {
        Held now = held;
        if (now.current != null && now.current.number() == number) {
            return now.current;
        }
        if (now.previous != null && now.previous.number() == number && clock.instant().isBefore(now.previousUntil)) {
            return now.previous;
        }
        throw new SFrameException(Reason.UNKNOWN_EPOCH, "epoch " + Long.toUnsignedString(number)
                + " not held (current " + (now.current == null ? "none" : now.current.number()) + ")");
    }

    private Epoch requireCurrent() {
        Epoch current = held.current;
        if (current == null) {
            throw new IllegalStateException("participant " + ownId + " has no epoch secret yet");
        }
        return current;
    }
}
