package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.TestVectors;

/**
 * The implementation against {@code parley-input-v1.json}, the input-authentication vectors the
 * browser also checks: a change to the derivation or the 0x11 layout fails here first.
 */
class InputVectorsTest {

    private static final JsonNode VECTORS = TestVectors.load("parley-input-v1.json");

    static Stream<JsonNode> input() {
        return TestVectors.entries(VECTORS.get("input")).stream();
    }

    @Test
    void fileIsExactlyWhatTheGeneratorWrites() throws IOException {
        String onDisk = Files.readString(InputVectorGenerator.FILE, StandardCharsets.UTF_8);

        assertThat(InputVectorGenerator.generate()).isEqualTo(onDisk);
    }

    @ParameterizedTest
    @MethodSource("input")
    void bothSidesDeriveTheVectorsKeyAndTheControllerWritesItsBody(JsonNode v) {
        var presenter = ParticipantKeyPair.fromPrivateKey(hex(v, "presenterPrivateKey"));
        var controller = ParticipantKeyPair.fromPrivateKey(hex(v, "controllerPrivateKey"));
        UUID session = UUID.fromString(v.get("sessionId").asText());
        int p = v.get("presenterId").asInt();
        int c = v.get("controllerId").asInt();
        long epoch = v.get("epoch").asLong();
        byte[] json = v.get("json").asText().getBytes(StandardCharsets.UTF_8);

        InputKey atPresenter = InputKey.derive(presenter, session, p, hex(v, "presenterPublicKey"), c, hex(v, "controllerPublicKey"));
        InputKey atController = InputKey.derive(controller, session, p, hex(v, "presenterPublicKey"), c, hex(v, "controllerPublicKey"));

        assertThat(presenter.publicKey()).isEqualTo(hex(v, "presenterPublicKey"));
        assertThat(controller.agree(presenter.publicKey())).isEqualTo(hex(v, "shared"));
        assertThat(atPresenter.keyBytes()).isEqualTo(hex(v, "inputKey")).isEqualTo(atController.keyBytes());
        assertThat(atController.authenticate(epoch, v.get("seq").asLong(), json)).isEqualTo(hex(v, "body"));
        assertThat(atPresenter.open(epoch, hex(v, "body"))).hasValueSatisfying(e -> {
            assertThat(e.seq()).isEqualTo(v.get("seq").asLong());
            assertThat(e.json()).isEqualTo(json);
        });
    }
}
