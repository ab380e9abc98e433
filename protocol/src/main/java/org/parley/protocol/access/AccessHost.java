package org.parley.protocol.access;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.parley.protocol.keys.VerificationCode;

/**
 * The agent's side of the access handshake with one caller (README §10): answers {@code srp-start}
 * with the salt and B, and {@code srp-evidence} with {@code srp-ok} (M2) when the caller's M1
 * verifies and its binding to both JOIN keys holds; otherwise with a {@code refused}. Each start
 * begins a new attempt with a fresh b and allows exactly one evidence, so one handshake tests one
 * password. Wrong passwords are counted in the machine's {@link AccessLockout}; while it is locked,
 * attempts are refused without being checked. Once a caller is admitted, {@link #epochConfirm} proves
 * each of its epochs to it. Thread-safe.
 */
public final class AccessHost {
    static final String WRONG_PASSWORD = "The access password is wrong.";
    static final String TAMPERED = "The connection was tampered with: the keys do not match. Try again; if it happens again, "
            + "tell the server's administrator.";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final UUID machineId;
    private final AccessVerifier verifier;
    private final AccessLockout lockout;
    private final SecureRandom random;
    private final BigInteger fixedPrivateValue; // null: Bouncy Castle picks b
    private SRP6Server attempt; // between a start and its evidence
    private BigInteger callerPublicValue;

    /** The host for one caller of machine {@code machineId}, which keeps {@code verifier}. */
    public AccessHost(UUID machineId, AccessVerifier verifier, AccessLockout lockout, SecureRandom random) {
        this(machineId, verifier, lockout, random, null);
    }

    /** With a fixed private value b: only for the test vectors. */
    AccessHost(UUID machineId, AccessVerifier verifier, AccessLockout lockout, SecureRandom random, BigInteger b) {
        this.machineId = Objects.requireNonNull(machineId, "machineId");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.random = Objects.requireNonNull(random, "random");
        this.fixedPrivateValue = b;
    }

    /**
     * Any message from the caller: {@code srp-start} as {@link #onStart}, {@code srp-evidence} as
     * {@link #onEvidence}. What an agent calls for every HANDSHAKE its caller sends.
     *
     * @throws AccessHandshakeException if the message is malformed, out of turn, or not a caller's
     */
    public synchronized HostStep receive(byte[] message, byte[] callerPublicKey, byte[] agentPublicKey)
            throws AccessHandshakeException {
        return switch (AccessMessage.parse(message)) {
            case AccessMessage.Start start -> start(start);
            case AccessMessage.Evidence evidence -> evidence(evidence, callerPublicKey, agentPublicKey);
            case AccessMessage other -> throw new AccessHandshakeException("a caller does not send " + other.type());
        };
    }

    /**
     * Step 1 → 2: the caller's A; answers with a {@link HostStep.Challenge}, or a {@link HostStep.Refused}
     * ({@link RefusalReason#LOCKED}) while the machine is locked. A start during an attempt abandons it.
     *
     * @throws AccessHandshakeException if it is not a valid {@code srp-start} (A malformed or 0 mod N)
     */
    public synchronized HostStep onStart(byte[] message) throws AccessHandshakeException {
        if (AccessMessage.parse(message) instanceof AccessMessage.Start start) {
            return start(start);
        }
        throw new AccessHandshakeException("expected srp-start");
    }

    /**
     * Step 3 → 4: the caller's M1 and binding, checked against the JOIN public keys the relay
     * announced for the caller and for us.
     *
     * @return {@link HostStep.Accepted} (send it, then admit), or {@link HostStep.Refused} for a wrong
     *     password (counted), a binding that does not match (a swapped key; not counted), or a lock
     * @throws AccessHandshakeException if it is not a valid {@code srp-evidence} or no start preceded it
     * @throws IllegalArgumentException if a public key is not 32 bytes
     */
    public synchronized HostStep onEvidence(byte[] message, byte[] callerPublicKey, byte[] agentPublicKey)
            throws AccessHandshakeException {
        if (AccessMessage.parse(message) instanceof AccessMessage.Evidence evidence) {
            return evidence(evidence, callerPublicKey, agentPublicKey);
        }
        throw new AccessHandshakeException("expected srp-evidence");
    }

    /**
     * A {@code refused} message for refusals the agent decides before any handshake
     * ({@link RefusalReason#PAUSED}, {@link RefusalReason#BUSY}).
     *
     * @param message what the caller shows the person, at most 500 characters
     */
    public static byte[] refusal(RefusalReason reason, String message) {
        if (message.length() > AccessMessage.MAX_REFUSAL_TEXT) {
            throw new IllegalArgumentException("a refusal's message is at most " + AccessMessage.MAX_REFUSAL_TEXT
                    + " characters, got " + message.length());
        }
        return new AccessMessage.Refused(Objects.requireNonNull(reason, "reason"), message).encode();
    }

    /**
     * The {@code epoch-confirm} for the admitted caller (README §10): send it after every epoch change
     * whose members include the caller, so the caller can tell the epoch's secret is ours and not one
     * a relay handed it in a KEY of its own. The caller shows nothing of an epoch before this arrives.
     *
     * @param sessionKey K from this caller's {@link HostStep.Accepted}
     * @param epoch the new epoch
     * @param code the verification code of that epoch over its members' public keys (README §6)
     * @throws IllegalArgumentException if K is not 32 bytes or the epoch is out of range
     */
    public static byte[] epochConfirm(byte[] sessionKey, long epoch, VerificationCode code) {
        if (sessionKey.length != Srp.HASH_LENGTH) {
            throw new IllegalArgumentException("K is " + Srp.HASH_LENGTH + " bytes, got " + sessionKey.length);
        }
        return new AccessMessage.EpochConfirm(epoch, Srp.epochMac(sessionKey, epoch, Objects.requireNonNull(code, "code")))
                .encode();
    }

    private HostStep start(AccessMessage.Start start) throws AccessHandshakeException {
        attempt = null;
        BigInteger a = Srp.publicValue("A", start.publicValue());
        Optional<HostStep> locked = locked();
        if (locked.isPresent()) {
            return locked.get();
        }
        SRP6Server server = fixedPrivateValue == null ? new SRP6Server() : new SRP6Server() {
            @Override
            protected BigInteger selectPrivateValue() {
                return fixedPrivateValue;
            }
        };
        server.init(Srp.GROUP, verifier.value(), Srp.digest(), random);
        BigInteger b = server.generateServerCredentials();
        attempt = server;
        callerPublicValue = a;
        return new HostStep.Challenge(new AccessMessage.Challenge(verifier.salt(), Srp.pad(b)).encode());
    }

    private HostStep evidence(AccessMessage.Evidence evidence, byte[] callerPublicKey, byte[] agentPublicKey)
            throws AccessHandshakeException {
        SRP6Server server = attempt;
        if (server == null) {
            throw new AccessHandshakeException("srp-evidence without an srp-start before it (each start allows one evidence)");
        }
        attempt = null;
        Optional<HostStep> locked = locked();
        if (locked.isPresent()) {
            return locked.get(); // not checked: parallel attempts must not outrun the lock
        }
        byte[] sessionKey;
        BigInteger m2;
        try {
            BigInteger premaster = server.calculateSecret(callerPublicValue);
            if (!server.verifyClientEvidenceMessage(new BigInteger(1, evidence.proof()))) {
                lockout.recordFailure();
                return refused(RefusalReason.PASSWORD, WRONG_PASSWORD);
            }
            sessionKey = Srp.sessionKey(premaster);
            m2 = server.calculateServerEvidenceMessage();
        } catch (CryptoException impossible) {
            // A was checked in start(), and M1 verified before M2 is asked for
            throw new IllegalStateException("SRP-6a server step failed after validation: " + impossible.getMessage(), impossible);
        }
        byte[] expected = Srp.bind(sessionKey, machineId, callerPublicKey, agentPublicKey);
        if (!MessageDigest.isEqual(expected, evidence.bind())) {
            return refused(RefusalReason.TAMPERED, TAMPERED);
        }
        return new HostStep.Accepted(new AccessMessage.Ok(Srp.hashBytes(m2)).encode(), sessionKey);
    }

    private Optional<HostStep> locked() {
        return lockout.lockedUntil().map(until -> refused(RefusalReason.LOCKED,
                "Too many wrong access passwords: this computer refuses connections until " + UNTIL.format(until) + "."));
    }

    private static HostStep refused(RefusalReason reason, String message) {
        return new HostStep.Refused(new AccessMessage.Refused(reason, message).encode(), reason);
    }
}
