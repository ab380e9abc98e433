package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.protocol.access.AccessHandshakeTest.AGENT_KEY;
import static org.parley.protocol.access.AccessHandshakeTest.CALLER_KEY;
import static org.parley.protocol.access.AccessHandshakeTest.MACHINE;
import static org.parley.protocol.access.AccessHandshakeTest.PASSWORD;
import static org.parley.protocol.access.AccessHandshakeTest.RANDOM;
import static org.parley.protocol.access.AccessHandshakeTest.VERIFIER;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a peer or the relay puts in a HANDSHAKE, each side answers with a step or an
 * {@link AccessHandshakeException} naming the problem, never another exception.
 */
class MalformedHandshakeTest {
    private static final String N = b64(Srp.pad(Srp.GROUP.getN()));
    private static final String ZERO = b64(new byte[256]);
    private static final String ONE = b64(Srp.pad(BigInteger.ONE));
    private static final String JSON_CHARACTERS = "{}[]\",:\\0aA_-=";

    private final AccessHost host = new AccessHost(MACHINE, VERIFIER, new AccessLockout(Clock.systemUTC()), RANDOM);

    @ParameterizedTest
    @ValueSource(strings = {
        "", "null", "[]", "\"srp-start\"", "{", "{\"t\":\"srp-start\"", "{} {}", "{\"t\":1}", "{\"A\":\"AA\"}",
        "{\"t\":\"srp-begin\",\"A\":\"AA\"}", "{\"t\":\"srp-start\"}", "{\"t\":\"srp-start\",\"A\":null}",
        "{\"t\":\"srp-start\",\"A\":\"AAAA\"}", "{\"t\":\"srp-start\",\"A\":\"not base64!\"}",
        "{\"t\":\"srp-start\",\"t\":\"srp-start\",\"A\":\"AA\"}", "\u00ff\u00fe"})
    void malformedStartsAreRefusedByTheAgent(String message) {
        assertThatThrownBy(() -> host.onStart(utf8(message))).isInstanceOf(AccessHandshakeException.class);
    }

    @Test
    void publicValuesThatMakeTheSecretGuessableAreRefused() {
        // A = 0 or N makes S = 0 for any password (RFC 5054 §2.5.4); A ≥ N is not a group element
        assertThatThrownBy(() -> host.onStart(start(ZERO))).hasMessage("A is 0 mod N");
        assertThatThrownBy(() -> host.onStart(start(N))).hasMessage("A is not below N");
        assertThatThrownBy(() -> host.onStart(start(b64(filled(256, 0xff))))).hasMessage("A is not below N");
        assertThatThrownBy(() -> host.onStart(start(b64(new byte[] {1})))).hasMessage("\"A\" must be 256 bytes, got 1");
        assertThatCode(() -> host.onStart(start(ONE)));
    }

    @Test
    void aPaddedOrNonCanonicalSpellingIsRefused() {
        String a = b64(Srp.pad(BigInteger.TWO));
        char last = a.charAt(a.length() - 1);
        // 256 bytes leave 4 unused bits in the last character: another character with the same top bits decodes the same
        String nonCanonical = a.substring(0, a.length() - 1) + (char) (last + 1);

        assertThatThrownBy(() -> host.onStart(start(a + "=="))).hasMessage("\"A\" is not unpadded canonical base64url");
        assertThatThrownBy(() -> host.onStart(start(nonCanonical))).hasMessage("\"A\" is not unpadded canonical base64url");
    }

    @Test
    void aChallengeThatWouldFixTheSecretIsRefusedByTheCaller() {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        caller.start();
        String salt = b64(new byte[32]);

        assertThatThrownBy(() -> caller.onChallenge(challenge(salt, ZERO), CALLER_KEY, AGENT_KEY)).hasMessage("B is 0 mod N");
        assertThatThrownBy(() -> caller.onChallenge(challenge(salt, N), CALLER_KEY, AGENT_KEY)).hasMessage("B is not below N");
        assertThatThrownBy(() -> caller.onChallenge(challenge(b64(new byte[16]), ONE), CALLER_KEY, AGENT_KEY))
                .hasMessage("\"salt\" must be 32 bytes, got 16");
    }

    @Test
    void verdictsTheCallerCannotReadAreRefused() throws AccessHandshakeException {
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        caller.onChallenge(host.onStart(caller.start()).message(), CALLER_KEY, AGENT_KEY);

        assertThatThrownBy(() -> caller.onResult(utf8("{\"t\":\"srp-ok\",\"M2\":\"" + b64(new byte[31]) + "\"}")))
                .hasMessage("\"M2\" must be 32 bytes, got 31");
        assertThatThrownBy(() -> caller.onResult(utf8("{\"t\":\"refused\",\"reason\":\"bored\",\"message\":\"no\"}")))
                .hasMessage("unknown refusal reason \"bored\"");
        assertThatThrownBy(() -> caller.onResult(utf8("{\"t\":\"refused\",\"reason\":\"busy\"}")))
                .hasMessage("\"message\" must be a string");
        assertThatThrownBy(() -> caller.onResult(utf8("{\"t\":\"refused\",\"reason\":\"busy\",\"message\":\"" + "x".repeat(501) + "\"}")))
                .hasMessage("a refusal's message is at most 500 characters, got 501");
        assertThatThrownBy(() -> caller.onResult(new byte[4097])).hasMessage("a handshake message is at most 4096 bytes, got 4097");
    }

    @Test
    void fieldsALaterVersionAddsAreIgnored() throws AccessHandshakeException {
        assertThat(host.onStart(utf8("{\"v\":2,\"t\":\"srp-start\",\"A\":\"" + ONE + "\",\"extra\":[1,{}]}")))
                .isInstanceOf(HostStep.Challenge.class);
    }

    @Test
    @Timeout(20)
    void mangledMessagesOnlyEverGiveAStepOrTheHandshakeException() throws AccessHandshakeException {
        Random random = new Random(20261124L);
        var caller = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        byte[] start = caller.start();
        byte[] challenge = host.onStart(start).message();
        byte[] evidence = ((CallerStep.Send) caller.onChallenge(challenge, CALLER_KEY, AGENT_KEY)).message();
        byte[][] valid = {start, challenge, evidence, host.onEvidence(evidence, CALLER_KEY, AGENT_KEY).message()};
        int refused = 0;
        var started = new AccessCaller(MACHINE, PASSWORD, RANDOM);
        started.start();
        for (int i = 0; i < 3000; i++) {
            byte[] input = mangle(random, valid[random.nextInt(valid.length)]);
            try {
                host.receive(input, CALLER_KEY, AGENT_KEY);
            } catch (AccessHandshakeException expected) {
                refused++;
            }
            try {
                started.onChallenge(input, CALLER_KEY, AGENT_KEY);
                started = new AccessCaller(MACHINE, PASSWORD, RANDOM); // that one moved on
                started.start();
            } catch (AccessHandshakeException expected) {
                refused++;
            }
        }
        assertThat(refused).as("the mangling must really produce bad input").isGreaterThan(3000);
    }

    private static byte[] mangle(Random random, byte[] message) {
        return switch (random.nextInt(4)) {
            case 0 -> Arrays.copyOf(message, random.nextInt(message.length + 1));
            case 1 -> {
                byte[] copy = message.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                yield copy;
            }
            case 2 -> {
                byte[] garbage = new byte[random.nextInt(300)];
                random.nextBytes(garbage);
                yield garbage;
            }
            default -> {
                byte[] copy = message.clone();
                copy[random.nextInt(copy.length)] = (byte) JSON_CHARACTERS.charAt(random.nextInt(JSON_CHARACTERS.length()));
                yield copy;
            }
        };
    }

    private static void assertThatCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatCode(call).doesNotThrowAnyException();
    }

    private static byte[] start(String a) {
        return utf8("{\"t\":\"srp-start\",\"A\":\"" + a + "\"}");
    }

    private static byte[] challenge(String salt, String b) {
        return utf8("{\"t\":\"srp-challenge\",\"salt\":\"" + salt + "\",\"B\":\"" + b + "\"}");
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
