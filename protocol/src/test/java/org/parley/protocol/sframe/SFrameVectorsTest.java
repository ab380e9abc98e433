package org.parley.protocol.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.TestVectors;

/** RFC 9605 Appendix C vectors: every header, and the sframe vectors of the suites we implement. */
class SFrameVectorsTest {

    private static final JsonNode VECTORS = TestVectors.load("rfc9605-sframe.json");

    static Stream<JsonNode> headers() {
        return TestVectors.entries(VECTORS.get("header")).stream();
    }

    static Stream<JsonNode> gcmFrames() {
        return TestVectors.entries(VECTORS.get("sframe")).stream()
                .filter(v -> CipherSuite.of(v.get("cipher_suite").asInt()).isPresent());
    }

    @ParameterizedTest
    @MethodSource("headers")
    void headerEncodesAndDecodesAsTheRfcSays(JsonNode vector) throws SFrameException {
        long kid = unsigned(vector.get("kid"));
        long ctr = unsigned(vector.get("ctr"));
        byte[] encoded = hex(vector, "encoded");

        assertThat(new SFrameHeader(kid, ctr).encode()).isEqualTo(encoded);
        assertThat(new SFrameHeader(kid, ctr).encodedLength()).isEqualTo(encoded.length);
        assertThat(SFrameHeader.decode(encoded, 0, encoded.length)).isEqualTo(new SFrameHeader(kid, ctr));
    }

    @ParameterizedTest
    @MethodSource("gcmFrames")
    void keyAndSaltDeriveAsTheRfcSays(JsonNode vector) {
        SFrameKey key = keyOf(vector);

        assertThat(TestVectors.hex(key.key())).isEqualTo(vector.get("sframe_key").asText());
        assertThat(TestVectors.hex(key.salt())).isEqualTo(vector.get("sframe_salt").asText());
        assertThat(TestVectors.hex(key.nonce(unsigned(vector.get("ctr"))))).isEqualTo(vector.get("nonce").asText());
    }

    @ParameterizedTest
    @MethodSource("gcmFrames")
    void sealProducesTheRfcCiphertext(JsonNode vector) {
        byte[] frame = keyOf(vector).seal(unsigned(vector.get("ctr")), hex(vector, "metadata"), hex(vector, "pt"));

        assertThat(TestVectors.hex(frame)).isEqualTo(vector.get("ct").asText());
    }

    @ParameterizedTest
    @MethodSource("gcmFrames")
    void openRecoversTheRfcPlaintext(JsonNode vector) throws SFrameException {
        byte[] plaintext = keyOf(vector).open(hex(vector, "ct"), hex(vector, "metadata"));

        assertThat(plaintext).isEqualTo(hex(vector, "pt"));
    }

    private static SFrameKey keyOf(JsonNode vector) {
        CipherSuite suite = CipherSuite.of(vector.get("cipher_suite").asInt()).orElseThrow();
        return SFrameKey.derive(suite, unsigned(vector.get("kid")), hex(vector, "base_key"));
    }

    /** JSON numbers up to 2^64 - 1 as the unsigned long they encode. */
    private static long unsigned(JsonNode number) {
        return new BigInteger(number.asText()).longValue();
    }
}
