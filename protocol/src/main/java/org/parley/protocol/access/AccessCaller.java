package org.parley.protocol.access;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;

/**
 * The caller's side of one access handshake (README §10): {@link #start()} makes the
 * {@code srp-start}; {@link #onChallenge} answers the agent's salt and B with M1 and the binding to
 * both JOIN keys; {@link #onResult} checks the agent's M2, so the caller trusts nothing from an
 * agent that does not hold this machine's verifier. One instance is one attempt; a new password
 * needs a new instance. A message that is malformed or out of turn throws
 * {@link AccessHandshakeException} and leaves the state as it was. Thread-safe.
 */
public final class AccessCaller {
    private enum State { NEW, STARTED, EVIDENCE_SENT, DONE }

    private final UUID machineId;
    private final byte[] password;
    private final SecureRandom random;
    private final BigInteger privateValue;
    private final SRP6Client client;
    private State state = State.NEW;
    private byte[] sessionKey;

    /**
     * An attempt to reach machine {@code machineId} with {@code password} (NFC-normalised here).
     *
     * @throws IllegalArgumentException if the password is empty
     */
    public AccessCaller(UUID machineId, String password, SecureRandom random) {
        this(machineId, password, random, SRP6Util.generatePrivateValue(Srp.digest(), Srp.GROUP.getN(), Srp.GROUP.getG(), random));
    }

    /** With a fixed private value a: only for the test vectors. */
    AccessCaller(UUID machineId, String password, SecureRandom random, BigInteger a) {
        this.machineId = Objects.requireNonNull(machineId, "machineId");
        this.password = Srp.password(password);
        this.random = Objects.requireNonNull(random, "random");
        this.privateValue = Objects.requireNonNull(a, "a");
        // SRP-6a lets the client send A before it knows the salt, but Bouncy Castle picks a when it
        // computes x; a fixed a makes its A the one we already sent
        this.client = new SRP6Client() {
            @Override
            protected BigInteger selectPrivateValue() {
                return privateValue;
            }
        };
    }

    /**
     * Step 1: the {@code srp-start} message with A, to send to the agent.
     *
     * @throws IllegalStateException if called twice
     */
    public synchronized byte[] start() {
        require(State.NEW, "start()");
        BigInteger a = Srp.GROUP.getG().modPow(privateValue, Srp.GROUP.getN());
        state = State.STARTED;
        return new AccessMessage.Start(Srp.pad(a)).encode();
    }

    /**
     * Step 2 → 3: the agent's answer to our start.
     *
     * @param callerPublicKey our JOIN public key (32 bytes)
     * @param agentPublicKey the agent's JOIN public key as the roster announced it (32 bytes)
     * @return {@link CallerStep.Send} with the {@code srp-evidence}, or {@link CallerStep.Refused}
     * @throws AccessHandshakeException if the message is not a valid {@code srp-challenge} or {@code refused}
     * @throws IllegalStateException unless {@link #start()} came before and this is the first answer
     */
    public synchronized CallerStep onChallenge(byte[] message, byte[] callerPublicKey, byte[] agentPublicKey)
            throws AccessHandshakeException {
        require(State.STARTED, "onChallenge()");
        return switch (AccessMessage.parse(message)) {
            case AccessMessage.Refused refused -> refused(refused);
            case AccessMessage.Challenge challenge -> evidence(challenge, callerPublicKey, agentPublicKey);
            case AccessMessage other -> throw new AccessHandshakeException("expected srp-challenge or refused, got " + other.type());
        };
    }

    /**
     * Step 4: the agent's verdict on our evidence.
     *
     * @return {@link CallerStep.Accepted} once M2 verifies, or {@link CallerStep.Refused}
     * @throws AccessHandshakeException if the message is not a valid {@code srp-ok} or {@code refused},
     *     or M2 does not verify: whoever answered does not hold the machine's verifier, so nothing
     *     it sends may be trusted
     * @throws IllegalStateException unless {@link #onChallenge} returned {@link CallerStep.Send}
     */
    public synchronized CallerStep onResult(byte[] message) throws AccessHandshakeException {
        require(State.EVIDENCE_SENT, "onResult()");
        return switch (AccessMessage.parse(message)) {
            case AccessMessage.Refused refused -> refused(refused);
            case AccessMessage.Ok ok -> accepted(ok);
            case AccessMessage other -> throw new AccessHandshakeException("expected srp-ok or refused, got " + other.type());
        };
    }

    private CallerStep evidence(AccessMessage.Challenge challenge, byte[] callerPublicKey, byte[] agentPublicKey)
            throws AccessHandshakeException {
        BigInteger b = Srp.publicValue("B", challenge.publicValue());
        BigInteger m1;
        BigInteger premaster;
        try {
            client.init(Srp.GROUP, Srp.digest(), random);
            client.generateClientCredentials(challenge.salt(), Srp.identity(machineId), password);
            premaster = client.calculateSecret(b);
            m1 = client.calculateClientEvidenceMessage();
        } catch (CryptoException impossible) {
            throw new IllegalStateException("SRP-6a client step failed after validation: " + impossible.getMessage(), impossible);
        }
        byte[] key = Srp.sessionKey(premaster);
        byte[] bind = Srp.bind(key, machineId, callerPublicKey, agentPublicKey);
        sessionKey = key;
        Arrays.fill(password, (byte) 0); // x is computed; the password is not needed again
        state = State.EVIDENCE_SENT;
        return new CallerStep.Send(new AccessMessage.Evidence(Srp.hashBytes(m1), bind).encode());
    }

    private CallerStep accepted(AccessMessage.Ok ok) throws AccessHandshakeException {
        boolean verified;
        try {
            verified = client.verifyServerEvidenceMessage(new BigInteger(1, ok.proof()));
        } catch (CryptoException impossible) {
            throw new IllegalStateException("SRP-6a client could not check M2: " + impossible.getMessage(), impossible);
        }
        state = State.DONE;
        if (!verified) {
            throw new AccessHandshakeException("the agent's proof M2 is wrong: it does not hold this machine's verifier; "
                    + "trust nothing it sends");
        }
        return new CallerStep.Accepted(sessionKey.clone());
    }

    private CallerStep refused(AccessMessage.Refused refused) {
        state = State.DONE;
        return new CallerStep.Refused(refused.reason(), refused.message());
    }

    private void require(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException(call + " in state " + state + " (expected " + expected + ")");
        }
    }
}
