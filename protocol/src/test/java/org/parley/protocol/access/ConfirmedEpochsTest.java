package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.protocol.MutableClock;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.VerificationCode;

/**
 * The epoch confirmation of README §10: the agent's MAC under K proves an epoch's code to the
 * caller, and nothing else does — another K, another epoch, another code (a secret the relay chose)
 * or a malformed message; and an epoch left unconfirmed ends the connection.
 */
class ConfirmedEpochsTest {
    private static final byte[] K = bytes(32, 7);
    private static final VerificationCode CODE = new VerificationCode("0421 9983 1207 5530");
    private static final VerificationCode OTHER_CODE = new VerificationCode("0421 9983 1207 5531");

    private final MutableClock clock = new MutableClock();
    private final ConfirmedEpochs caller = new ConfirmedEpochs(clock);

    @Test
    void theAgentsConfirmUnderKProvesTheEpochAndItsCode() throws AccessHandshakeException {
        caller.accepted(new CallerStep.Accepted(K));
        caller.arrived(key(3));
        caller.epochChanged(3, CODE);
        assertThat(caller.trusted()).as("before the confirm").isFalse();

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isTrue();

        assertThat(caller.trusted()).isTrue();
        assertThat(caller.confirmedEpoch()).isEqualTo(3);
        assertThat(caller.overdue()).isFalse();
        assertThat(new String(AccessHost.epochConfirm(K, 3, CODE), StandardCharsets.UTF_8))
                .matches("\\{\"t\":\"epoch-confirm\",\"epoch\":3,\"mac\":\"[A-Za-z0-9_-]{43}\"}");
    }

    @Test
    void aConfirmUnderAnotherKIsRefusedAndEndsTheConnection() throws AccessHandshakeException {
        atEpoch(3);

        assertThat(caller.confirm(AccessHost.epochConfirm(bytes(32, 8), 3, CODE))).isFalse();

        assertThat(caller.trusted()).isFalse();
        assertThat(caller.overdue()).as("a refused confirm ends the connection").isTrue();
        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).as("nothing is trusted after a refusal").isFalse();
    }

    @Test
    void aConfirmForAnotherEpochIsRefused() throws AccessHandshakeException {
        atEpoch(3);

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 4, CODE))).isFalse();
        assertThat(caller.trusted()).isFalse();
    }

    @Test
    void anOlderConfirmReplayedIsRefused() throws AccessHandshakeException {
        atEpoch(3);
        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isTrue();
        caller.epochChanged(4, OTHER_CODE);

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isFalse();
    }

    // what a relay's own secret gives: the caller's code differs from the one the agent confirms
    @Test
    void aConfirmOverAnotherCodeIsRefused() throws AccessHandshakeException {
        atEpoch(3);

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, OTHER_CODE))).isFalse();
        assertThat(caller.trusted()).isFalse();
    }

    @Test
    void aNewEpochIsNotTrustedUntilConfirmedAndEndsTheConnectionAfterFiveSeconds() throws AccessHandshakeException {
        atEpoch(3);
        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isTrue();

        caller.arrived(key(4)); // before the session could open anything sealed with it
        assertThat(caller.trusted()).isFalse();
        clock.advance(ConfirmedEpochs.WAIT.minusMillis(1));
        assertThat(caller.overdue()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(caller.overdue()).isTrue();
    }

    @Test
    void confirmsOfQuickSuccessiveEpochsAreTakenInOrder() throws AccessHandshakeException {
        atEpoch(3);
        caller.arrived(key(4));
        caller.epochChanged(4, OTHER_CODE);

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isTrue();
        assertThat(caller.trusted()).as("4 is still unconfirmed").isFalse();
        assertThat(caller.confirm(AccessHost.epochConfirm(K, 4, OTHER_CODE))).isTrue();
        assertThat(caller.trusted()).isTrue();
    }

    @Test
    void anEpochLeftUnconfirmedIsNeverTrustedEvenBehindAConfirmedNewerOne() throws AccessHandshakeException {
        atEpoch(3);
        assertThat(caller.confirm(AccessHost.epochConfirm(K, 3, CODE))).isTrue();
        caller.arrived(key(4)); // the relay's own KEY: the session would still open its frames as the previous epoch
        caller.arrived(key(5));
        caller.epochChanged(5, OTHER_CODE);

        assertThat(caller.confirm(AccessHost.epochConfirm(K, 5, OTHER_CODE))).isFalse();
        assertThat(caller.trusted()).isFalse();
    }

    @Test
    void beforeTheHandshakeNothingIsTrustedNorOverdue() {
        caller.arrived(key(0)); // a KEY before we are let in: only a relay sends one
        clock.advance(Duration.ofMinutes(1));

        assertThat(caller.trusted()).isFalse();
        assertThat(caller.overdue()).isFalse();
        assertThatThrownBy(() -> caller.confirm(AccessHost.epochConfirm(K, 0, CODE))).isInstanceOf(IllegalStateException.class);
        caller.accepted(new CallerStep.Accepted(K));
        assertThat(caller.overdue()).as("the wait starts with K").isFalse();
        clock.advance(ConfirmedEpochs.WAIT);
        assertThat(caller.overdue()).isTrue();
    }

    @Test
    void aRelayAnnouncingEpochAfterEpochEndsTheConnection() {
        caller.accepted(new CallerStep.Accepted(K));
        for (int epoch = 1; epoch <= 17; epoch++) {
            caller.arrived(key(epoch));
        }

        assertThat(caller.overdue()).isTrue();
    }

    @Test
    void otherEnvelopesAndKeysOutOfRangeAnnounceNoEpoch() {
        caller.accepted(new CallerStep.Accepted(K));
        caller.arrived(Envelope.of(MessageType.DATA, 1, 2, epochPayload(9)));
        caller.arrived(Envelope.of(MessageType.KEY, 1, 2, new byte[7]));
        caller.arrived(key(1L << 47));
        clock.advance(ConfirmedEpochs.WAIT);

        assertThat(caller.overdue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{}", "[]", "{\"t\":\"srp-ok\",\"M2\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
        "{\"t\":\"epoch-confirm\",\"mac\":\"MAC\"}", "{\"t\":\"epoch-confirm\",\"epoch\":3}",
        "{\"t\":\"epoch-confirm\",\"epoch\":\"3\",\"mac\":\"MAC\"}", "{\"t\":\"epoch-confirm\",\"epoch\":3.0,\"mac\":\"MAC\"}",
        "{\"t\":\"epoch-confirm\",\"epoch\":-1,\"mac\":\"MAC\"}", "{\"t\":\"epoch-confirm\",\"epoch\":140737488355328,\"mac\":\"MAC\"}",
        "{\"t\":\"epoch-confirm\",\"epoch\":1e2,\"mac\":\"MAC\"}", "{\"t\":\"epoch-confirm\",\"epoch\":99999999999999999999,\"mac\":\"MAC\"}",
        "{\"t\":\"epoch-confirm\",\"epoch\":3,\"mac\":\"SHORT\"}", "{\"t\":\"epoch-confirm\",\"epoch\":3,\"mac\":\"PADDED\"}",
        "{\"t\":\"epoch-confirm\",\"epoch\":3,\"mac\":null}"})
    void aMalformedConfirmIsAHandshakeError(String template) {
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32, 1));
        String message = template.replace("\"MAC\"", "\"" + mac + "\"")
                .replace("\"SHORT\"", "\"" + mac.substring(0, 42) + "\"")
                .replace("\"PADDED\"", "\"" + mac + "=\"");
        atEpoch(3);

        assertThatThrownBy(() -> caller.confirm(message.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AccessHandshakeException.class);
        assertThat(caller.trusted()).isFalse();
        assertThat(caller.overdue()).as("a malformed confirm ends the connection too").isTrue();
    }

    @Test
    void theAgentRefusesToConfirmWithAKeyThatIsNotK() {
        assertThatThrownBy(() -> AccessHost.epochConfirm(bytes(31, 1), 3, CODE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessHost.epochConfirm(K, -1, CODE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallerDoesNotSendAConfirmNorTakesOneForAChallenge() throws AccessHandshakeException {
        var host = new AccessHost(AccessHandshakeTest.MACHINE, AccessHandshakeTest.VERIFIER,
                new AccessLockout(clock), AccessHandshakeTest.RANDOM);
        var attempt = new AccessCaller(AccessHandshakeTest.MACHINE, AccessHandshakeTest.PASSWORD, AccessHandshakeTest.RANDOM);
        attempt.start();

        assertThatThrownBy(() -> host.receive(AccessHost.epochConfirm(K, 3, CODE), AccessHandshakeTest.CALLER_KEY,
                AccessHandshakeTest.AGENT_KEY)).isInstanceOf(AccessHandshakeException.class);
        assertThatThrownBy(() -> attempt.onChallenge(AccessHost.epochConfirm(K, 3, CODE), AccessHandshakeTest.CALLER_KEY,
                AccessHandshakeTest.AGENT_KEY)).isInstanceOf(AccessHandshakeException.class);
    }

    private void atEpoch(long epoch) {
        caller.accepted(new CallerStep.Accepted(K));
        caller.arrived(key(epoch));
        caller.epochChanged(epoch, CODE);
    }

    private static Envelope key(long epoch) {
        return Envelope.of(MessageType.KEY, 1, 2, epochPayload(epoch));
    }

    private static byte[] epochPayload(long epoch) {
        return ByteBuffer.allocate(88).putLong(epoch).array();
    }

    private static byte[] bytes(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
