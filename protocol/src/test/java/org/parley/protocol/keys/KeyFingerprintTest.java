package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.parley.protocol.TestVectors;

/** Fingerprints against {@code parley-fingerprint-v1.json}, the vectors the JavaScript client also checks. */
class KeyFingerprintTest {

    static List<JsonNode> vectors() {
        return TestVectors.entries(TestVectors.load("parley-fingerprint-v1.json").get("fingerprint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void fingerprintOfEachVectorKeyIsTheOneInTheFile(JsonNode v) {
        byte[] key = hex(v, "publicKey");

        assertThat(KeyFingerprint.of(key).text()).isEqualTo(v.get("fingerprint").asText());
        assertThat(KeyFingerprint.parse(v.get("fingerprint").asText()).matches(key)).isTrue();
    }

    @Test
    void vectorsCoverFiveDistinctKeysAndFingerprints() {
        assertThat(vectors()).hasSize(5);
        assertThat(vectors().stream().map(v -> v.get("fingerprint").asText()).distinct()).hasSize(5);
    }

    @Test
    void anotherKeyDoesNotMatchAFingerprint() {
        var random = new SecureRandom();
        byte[] allowed = ParticipantKeyPair.generate(random).publicKey();
        byte[] impostor = ParticipantKeyPair.generate(random).publicKey();

        assertThat(KeyFingerprint.of(allowed).matches(impostor)).isFalse();
        assertThat(KeyFingerprint.of(allowed).matches(new byte[31])).isFalse();
    }

    @Test
    void typedFingerprintsIgnoreCaseSpacesDashesAndColons() {
        var expected = new KeyFingerprint("4afb ea29 b039 b625");

        assertThat(KeyFingerprint.parse("4AFB-EA29-B039-B625")).isEqualTo(expected);
        assertThat(KeyFingerprint.parse(" 4afbea29b039b625 ")).isEqualTo(expected);
        assertThat(KeyFingerprint.parse("4a:fb:ea:29:b0:39:b6:25")).isEqualTo(expected);
    }

    @Test
    void aNameOrAShortFingerprintIsRefused() {
        assertThatThrownBy(() -> KeyFingerprint.parse("Ivan Tester")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 hex digits");
        assertThatThrownBy(() -> KeyFingerprint.parse("4afb ea29 b039 b62")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyFingerprint("4AFB EA29 B039 B625")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyFingerprint.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
