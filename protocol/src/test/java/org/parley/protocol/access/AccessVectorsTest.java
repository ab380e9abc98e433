package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.TestVectors;
import org.parley.protocol.keys.VerificationCode;

/**
 * {@code parley-access-v1.json}, which the browser's caller also checks: the file is what the
 * implementation makes from its fixed inputs, and README §10's formulas, computed independently,
 * give the same numbers (the epoch confirmation's MAC included).
 */
class AccessVectorsTest {
    private static final JsonNode VECTORS = TestVectors.load("parley-access-v1.json");

    static Stream<JsonNode> handshakes() {
        return TestVectors.entries(VECTORS.get("handshakes")).stream();
    }

    @Test
    void fileIsExactlyWhatTheGeneratorWrites() throws IOException {
        String onDisk = Files.readString(AccessVectorGenerator.FILE, StandardCharsets.UTF_8);

        assertThat(AccessVectorGenerator.generate()).isEqualTo(onDisk);
        assertThat(VECTORS.get("handshakes").size()).isEqualTo(AccessVectorGenerator.CASES.size());
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("handshakes")
    void theReadmesFormulasGiveTheImplementationsNumbers(JsonNode v) {
        var reference = ReferenceSrp.run(UUID.fromString(v.get("machineId").asText()), v.get("password").asText(),
                TestVectors.hex(v, "salt"), new BigInteger(1, TestVectors.hex(v, "a")), new BigInteger(1, TestVectors.hex(v, "b")),
                TestVectors.hex(v, "callerPublicKey"), TestVectors.hex(v, "agentPublicKey"));

        assertThat(hex(reference.v())).isEqualTo(v.get("v").asText());
        assertThat(hex(reference.a())).isEqualTo(v.get("A").asText());
        assertThat(hex(reference.b())).isEqualTo(v.get("B").asText());
        assertThat(hex(reference.m1())).isEqualTo(v.get("M1").asText());
        assertThat(hex(reference.m2())).isEqualTo(v.get("M2").asText());
        assertThat(hex(reference.k())).isEqualTo(v.get("K").asText());
        assertThat(hex(reference.bind())).isEqualTo(v.get("bind").asText());
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("handshakes")
    void theReadmesEpochConfirmGivesTheImplementationsMac(JsonNode v) throws AccessHandshakeException {
        JsonNode confirm = v.get("epochConfirm");
        long epoch = confirm.get("epoch").asLong();
        String code = confirm.get("code").asText();

        assertThat(hex(ReferenceSrp.epochMac(TestVectors.hex(v, "K"), epoch, code))).isEqualTo(confirm.get("mac").asText());
        assertThat(hex(Srp.codeValue(new VerificationCode(code)))).isEqualTo(confirm.get("codeValue").asText());
        var caller = new ConfirmedEpochs(Clock.systemUTC());
        caller.accepted(new CallerStep.Accepted(TestVectors.hex(v, "K")));
        caller.epochChanged(epoch, new VerificationCode(code));
        assertThat(caller.confirm(confirm.get("message").asText().getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void thePasswordWrittenInNfdIsHashedAsNfc() {
        JsonNode nfd = VECTORS.get("handshakes").get(1);

        assertThat(nfd.get("password").asText()).contains("e\u0301");
        assertThat(new String(TestVectors.hex(nfd, "passwordUtf8"), StandardCharsets.UTF_8)).isEqualTo("Café Über 42");
    }
}
