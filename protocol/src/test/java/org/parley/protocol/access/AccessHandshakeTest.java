package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.protocol.MutableClock;

/** Both ends of README §10 talking to each other, as the agent and a caller do through the relay. */
class AccessHandshakeTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final UUID MACHINE = UUID.fromString("7a1c0f5e-2b3d-4e8f-9a0b-1c2d3e4f5a6b");
    static final String PASSWORD = "Tr0ub4dor&3";
    static final AccessVerifier VERIFIER = AccessVerifier.generate(MACHINE, PASSWORD, RANDOM);
    static final byte[] CALLER_KEY = key(1);
    static final byte[] AGENT_KEY = key(2);

    private final MutableClock clock = new MutableClock();
    private final AccessLockout lockout = new AccessLockout(clock);

    @Test
    void theRightPasswordIsAcceptedAndBothSidesHoldTheSameKey() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        var host = host();

        HostStep challenge = host.receive(caller.start(), CALLER_KEY, AGENT_KEY);
        CallerStep evidence = caller.onChallenge(challenge.message(), CALLER_KEY, AGENT_KEY);
        HostStep verdict = host.receive(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY);
        CallerStep result = caller.onResult(verdict.message());

        assertThat(challenge).isInstanceOf(HostStep.Challenge.class);
        assertThat(verdict).isInstanceOf(HostStep.Accepted.class);
        assertThat(result).isInstanceOf(CallerStep.Accepted.class);
        assertThat(((CallerStep.Accepted) result).sessionKey()).hasSize(32)
                .isEqualTo(((HostStep.Accepted) verdict).sessionKey());
        assertThat(lockout.lockedUntil()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedWithTheAgentsMessageAndCounted() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, "Tr0ub4dor&4", RANDOM);
        var host = host();

        CallerStep evidence = caller.onChallenge(host.onStart(caller.start()).message(), CALLER_KEY, AGENT_KEY);
        HostStep verdict = host.onEvidence(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY);
        CallerStep result = caller.onResult(verdict.message());

        assertThat(verdict).isEqualTo(new HostStep.Refused(verdict.message(), RefusalReason.PASSWORD));
        assertThat(result).isEqualTo(new CallerStep.Refused(RefusalReason.PASSWORD, "The access password is wrong."));
        assertThat(new String(verdict.message(), StandardCharsets.UTF_8))
                .isEqualTo("{\"t\":\"refused\",\"reason\":\"password\",\"message\":\"The access password is wrong.\"}");
        for (int i = 0; i < AccessLockout.MAX_FAILURES - 2; i++) {
            assertThat(lockout.recordFailure()).isFalse();
        }
        assertThat(lockout.recordFailure()).as("the handshake's failure was the first of five").isTrue();
    }

    @Test
    void aPasswordTypedInNfdIsTheSamePasswordAsInNfc() throws AccessHandshakeException {
        AccessVerifier nfc = AccessVerifier.generate(MACHINE, "Ærøskøbing Café", RANDOM);
        var caller = new AccessCaller(MACHINE, "Ærøskøbing Cafe\u0301", RANDOM);

        assertThat(run(caller, new AccessHost(MACHINE, nfc, lockout, RANDOM))).isInstanceOf(CallerStep.Accepted.class);
    }

    @Test
    void theSamePasswordForAnotherMachineIsWrong() throws AccessHandshakeException {
        var caller = new AccessCaller(UUID.fromString("7a1c0f5e-2b3d-4e8f-9a0b-1c2d3e4f5a6c"), PASSWORD, RANDOM);

        assertThat(run(caller, host())).isEqualTo(new CallerStep.Refused(RefusalReason.PASSWORD, AccessHost.WRONG_PASSWORD));
    }

    @Test
    void anAlteredM2MakesTheCallerTrustNothing() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        var host = host();
        CallerStep evidence = caller.onChallenge(host.onStart(caller.start()).message(), CALLER_KEY, AGENT_KEY);
        HostStep verdict = host.onEvidence(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY);
        String ok = new String(verdict.message(), StandardCharsets.UTF_8);
        byte[] m2 = Base64.getUrlDecoder().decode(ok.replaceAll(".*\"M2\":\"([^\"]+)\".*", "$1"));
        m2[31] ^= 1;
        byte[] forged = ("{\"t\":\"srp-ok\",\"M2\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(m2) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> caller.onResult(forged)).isInstanceOf(AccessHandshakeException.class)
                .hasMessageContaining("M2 is wrong");
        assertThatThrownBy(() -> caller.onResult(verdict.message())).as("the attempt is over")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAgentWithAVerifierForAnotherPasswordCannotFakeAcceptance() throws AccessHandshakeException {
        var impostor = new AccessHost(MACHINE, AccessVerifier.generate(MACHINE, "guess", RANDOM), lockout, RANDOM);
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        // the impostor's challenge is well formed, so the caller answers it; the impostor cannot check M1 nor make M2
        CallerStep evidence = caller.onChallenge(impostor.onStart(caller.start()).message(), CALLER_KEY, AGENT_KEY);

        assertThat(impostor.onEvidence(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY))
                .isInstanceOf(HostStep.Refused.class);
    }

    @Test
    void aRelayThatSwapsTheAgentsKeyIsCaughtAndThePasswordNotCounted() throws AccessHandshakeException {
        byte[] relaysKey = key(9);
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        var host = host();
        // the relay announced its own key as the agent's to the caller
        CallerStep evidence = caller.onChallenge(host.onStart(caller.start()).message(), CALLER_KEY, relaysKey);

        HostStep verdict = host.onEvidence(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY);

        assertThat(verdict).isInstanceOf(HostStep.Refused.class);
        assertThat(((HostStep.Refused) verdict).reason()).isEqualTo(RefusalReason.TAMPERED);
        assertThat(caller.onResult(verdict.message())).isEqualTo(new CallerStep.Refused(RefusalReason.TAMPERED, AccessHost.TAMPERED));
        for (int i = 0; i < AccessLockout.MAX_FAILURES - 1; i++) {
            assertThat(lockout.recordFailure()).as("no failure was counted before").isFalse();
        }
    }

    @Test
    void aRelayThatSwapsTheCallersKeyIsCaught() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        var host = host();
        CallerStep evidence = caller.onChallenge(host.onStart(caller.start()).message(), CALLER_KEY, AGENT_KEY);

        // the agent sees the relay's key as the caller's, and would seal the epoch secret to it
        HostStep verdict = host.onEvidence(((CallerStep.Send) evidence).message(), key(9), AGENT_KEY);

        assertThat(verdict).isEqualTo(new HostStep.Refused(verdict.message(), RefusalReason.TAMPERED));
    }

    @Test
    void fiveWrongPasswordsLockTheMachineAndEvenTheRightOneIsRefusedUntilTheLockEnds() throws AccessHandshakeException {
        for (int i = 0; i < AccessLockout.MAX_FAILURES; i++) {
            assertThat(run(new AccessCaller(MACHINE, "wrong " + i, RANDOM), host()))
                    .isEqualTo(new CallerStep.Refused(RefusalReason.PASSWORD, AccessHost.WRONG_PASSWORD));
            clock.advance(Duration.ofMinutes(2));
        }

        CallerStep locked = run(new AccessCaller(MACHINE, PASSWORD, RANDOM), host());
        clock.advance(AccessLockout.LOCK);
        CallerStep later = run(new AccessCaller(MACHINE, PASSWORD, RANDOM), host());

        assertThat(locked).isEqualTo(new CallerStep.Refused(RefusalReason.LOCKED,
                "Too many wrong access passwords: this computer refuses connections until 2026-11-23 10:23 UTC."));
        assertThat(later).isInstanceOf(CallerStep.Accepted.class);
    }

    @Test
    void attemptsStartedBeforeTheLockAreRefusedWithoutBeingChecked() throws AccessHandshakeException {
        var patient = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        var host = host();
        CallerStep evidence = patient.onChallenge(host.onStart(patient.start()).message(), CALLER_KEY, AGENT_KEY);
        for (int i = 0; i < AccessLockout.MAX_FAILURES; i++) {
            lockout.recordFailure();
        }

        HostStep verdict = host.onEvidence(((CallerStep.Send) evidence).message(), CALLER_KEY, AGENT_KEY);

        assertThat(verdict).isEqualTo(new HostStep.Refused(verdict.message(), RefusalReason.LOCKED));
    }

    @Test
    void eachStartAllowsOneEvidenceAndANewStartANewAttempt() throws AccessHandshakeException {
        var host = host();
        var first = new AccessCaller(MACHINE, "wrong", RANDOM);
        byte[] evidence = ((CallerStep.Send) first.onChallenge(host.onStart(first.start()).message(), CALLER_KEY, AGENT_KEY)).message();
        host.onEvidence(evidence, CALLER_KEY, AGENT_KEY);

        assertThatThrownBy(() -> host.onEvidence(evidence, CALLER_KEY, AGENT_KEY)).isInstanceOf(AccessHandshakeException.class)
                .hasMessage("srp-evidence without an srp-start before it (each start allows one evidence)");
        assertThat(run(new AccessCaller(MACHINE, PASSWORD, RANDOM), host)).isInstanceOf(CallerStep.Accepted.class);
    }

    @Test
    void theAgentsOwnRefusalsReachTheCallerWithTheirText() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        caller.start();

        CallerStep step = caller.onChallenge(AccessHost.refusal(RefusalReason.PAUSED, "Access to “Office PC” is paused until Monday."),
                CALLER_KEY, AGENT_KEY);

        assertThat(step).isEqualTo(new CallerStep.Refused(RefusalReason.PAUSED, "Access to “Office PC” is paused until Monday."));
        assertThatThrownBy(() -> AccessHost.refusal(RefusalReason.BUSY, "x".repeat(501))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsOutOfOrderAreTheCallersBug() {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);

        assertThatThrownBy(() -> caller.onResult(new byte[0])).isInstanceOf(IllegalStateException.class)
                .hasMessage("onResult() in state NEW (expected EVIDENCE_SENT)");
        caller.start();
        assertThatThrownBy(caller::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AccessCaller(MACHINE, "", RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesOutOfTurnAreThePeersFault() throws AccessHandshakeException {
        var host = host();
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        byte[] start = caller.start();
        byte[] challenge = host.onStart(start).message();

        assertThatThrownBy(() -> host.receive(challenge, CALLER_KEY, AGENT_KEY)).isInstanceOf(AccessHandshakeException.class)
                .hasMessage("a caller does not send srp-challenge");
        assertThatThrownBy(() -> host.onEvidence(start, CALLER_KEY, AGENT_KEY)).hasMessage("expected srp-evidence");
        assertThatThrownBy(() -> caller.onChallenge(start, CALLER_KEY, AGENT_KEY))
                .hasMessage("expected srp-challenge or refused, got srp-start");
        // a bad message leaves the caller where it was: the genuine challenge still works
        assertThat(caller.onChallenge(challenge, CALLER_KEY, AGENT_KEY)).isInstanceOf(CallerStep.Send.class);
    }

    @Test
    void theVerifierSurvivesItsFileAndNeverPrintsItself() {
        AccessVerifier read = AccessVerifier.decode(VERIFIER.encodedSalt(), VERIFIER.encodedVerifier());

        assertThat(read).isEqualTo(VERIFIER).hasSameHashCodeAs(VERIFIER);
        assertThat(VERIFIER.encodedSalt()).hasSize(43).doesNotContain("=");
        assertThat(VERIFIER.encodedVerifier()).hasSize(342);
        assertThat(VERIFIER.toString()).doesNotContain(VERIFIER.encodedVerifier().substring(0, 8));
        assertThatThrownBy(() -> AccessVerifier.decode("c2FsdA", VERIFIER.encodedVerifier()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an access verifier's salt is 32 bytes, got 4");
        assertThatThrownBy(() -> AccessVerifier.decode(VERIFIER.encodedSalt(), "not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the access verifier's verifier is not base64url");
        assertThatThrownBy(() -> new AccessVerifier(new byte[32], new byte[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an access verifier must be between 0 and N");
    }

    private AccessHost host() {
        return new AccessHost(MACHINE, VERIFIER, lockout, RANDOM);
    }

    /** A whole handshake; what the caller finally makes of it. */
    private static CallerStep run(AccessCaller caller, AccessHost host) throws AccessHandshakeException {
        HostStep challenge = host.receive(caller.start(), CALLER_KEY, AGENT_KEY);
        CallerStep step = caller.onChallenge(challenge.message(), CALLER_KEY, AGENT_KEY);
        if (!(step instanceof CallerStep.Send send)) {
            return step;
        }
        return caller.onResult(host.receive(send.message(), CALLER_KEY, AGENT_KEY).message());
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }
}
