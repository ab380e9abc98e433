package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.TestVectors;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameKey;

/**
 * The implementation against {@code parley-v1.json}, the vectors the JavaScript client also checks:
 * a change to any derivation or wire format fails here first.
 */
class ParleyVectorsTest {

    private static final JsonNode VECTORS = TestVectors.load("parley-v1.json");

    static Stream<JsonNode> ratchet() {
        return section("ratchet");
    }

    static Stream<JsonNode> senderKeys() {
        return section("senderKeys");
    }

    static Stream<JsonNode> frames() {
        return section("frames");
    }

    static Stream<JsonNode> keyDelivery() {
        return section("keyDelivery");
    }

    static Stream<JsonNode> admission() {
        return section("admission");
    }

    static Stream<JsonNode> verification() {
        return section("verification");
    }

    @Test
    void fileIsExactlyWhatTheGeneratorWrites() throws IOException {
        String onDisk = Files.readString(ParleyVectorGenerator.FILE, StandardCharsets.UTF_8);

        assertThat(ParleyVectorGenerator.generate()).isEqualTo(onDisk);
    }

    @Test
    void fileHasEverySectionWithEntriesAndOnlyNumbersJavaScriptReadsExactly() {
        assertThat(VECTORS.fieldNames()).toIterable()
                .containsExactly("ratchet", "senderKeys", "frames", "keyDelivery", "admission", "verification");
        VECTORS.forEach(section -> assertThat(section.size()).isGreaterThanOrEqualTo(2));
        VECTORS.forEach(section -> section.forEach(entry -> entry.forEach(value -> {
            if (value.isNumber()) {
                assertThat(value.asLong()).isBetween(0L, (1L << 53) - 1);
            }
        })));
    }

    @ParameterizedTest
    @MethodSource("ratchet")
    void joinRatchetGivesTheNextSecret(JsonNode v) {
        long nextEpoch = v.get("nextEpoch").asLong();

        EpochSecret next = EpochSecret.of(nextEpoch - 1, hex(v, "secret")).afterJoin();

        assertThat(next.epoch()).isEqualTo(nextEpoch);
        assertThat(next.bytes()).isEqualTo(hex(v, "next"));
    }

    @ParameterizedTest
    @MethodSource("senderKeys")
    void senderKeysDeriveFromTheEpochSecret(JsonNode v) {
        CipherSuite suite = suite(v);
        EpochSecret secret = EpochSecret.of(v.get("epoch").asLong(), hex(v, "secret"));
        int sender = v.get("sender").asInt();

        SFrameKey key = secret.senderKey(sender, suite);

        assertThat(secret.kid(sender).value()).isEqualTo(v.get("kid").asLong());
        assertThat(secret.senderBaseKey(sender, suite)).isEqualTo(hex(v, "baseKey"));
        assertThat(key.key()).isEqualTo(hex(v, "sframeKey"));
        assertThat(key.salt()).isEqualTo(hex(v, "sframeSalt"));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void framesSealAndOpenToTheVector(JsonNode v) throws SFrameException {
        EpochSecret secret = EpochSecret.of(v.get("epoch").asLong(), hex(v, "secret"));
        int sender = v.get("sender").asInt();

        byte[] sealed = secret.senderKey(sender, suite(v)).seal(v.get("ctr").asLong(), hex(v, "metadata"), hex(v, "plaintext"));
        byte[] opened = secret.senderKey(sender, suite(v)).open(hex(v, "frame"), hex(v, "metadata"));

        assertThat(sealed).isEqualTo(hex(v, "frame"));
        assertThat(opened).isEqualTo(hex(v, "plaintext"));
    }

    @ParameterizedTest
    @MethodSource("keyDelivery")
    void keyPayloadOpensWithTheRecipientPrivateKeyAsTheKeyholders(JsonNode v) throws KeyDeliveryException {
        UUID session = UUID.fromString(v.get("sessionId").asText());
        int recipientId = v.get("recipientId").asInt();
        ParticipantKeyPair recipient = ParticipantKeyPair.fromPrivateKey(hex(v, "recipientPrivateKey"));
        byte[] someoneElse = ParticipantKeyPair.fromPrivateKey(hex(v, "recipientPrivateKey")).publicKey();

        EpochSecret secret = KeyDelivery.open(session, recipientId, recipient, hex(v, "senderPublicKey"), hex(v, "payload"));

        assertThat(ParticipantKeyPair.fromPrivateKey(hex(v, "senderPrivateKey")).publicKey()).isEqualTo(hex(v, "senderPublicKey"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyDelivery.open(session, recipientId, recipient, someoneElse,
                hex(v, "payload"))).as("the same payload as sealed by anyone else").isInstanceOf(KeyDeliveryException.class);

        assertThat(recipient.publicKey()).isEqualTo(hex(v, "recipientPublicKey"));
        assertThat(KeyDelivery.info(session, v.get("epoch").asLong(), recipientId, recipient.publicKey()))
                .isEqualTo(hex(v, "info"));
        assertThat(secret.epoch()).isEqualTo(v.get("epoch").asLong());
        assertThat(secret.bytes()).isEqualTo(hex(v, "secret"));
    }

    @ParameterizedTest
    @MethodSource("admission")
    void admissionProofIsTheHmacOfTheJoiner(JsonNode v) {
        UUID session = UUID.fromString(v.get("sessionId").asText());
        InvitationSecret k = InvitationSecret.of(hex(v, "k"));

        assertThat(k.proof(session, hex(v, "publicKey"))).isEqualTo(hex(v, "proof"));
        assertThat(k.admits(session, hex(v, "publicKey"), hex(v, "proof"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("verification")
    void verificationCodeMatchesWhateverTheKeyOrder(JsonNode v) {
        EpochSecret secret = EpochSecret.of(0, hex(v, "secret"));
        List<byte[]> keys = new ArrayList<>();
        v.get("publicKeys").forEach(key -> keys.add(java.util.HexFormat.of().parseHex(key.asText())));

        assertThat(secret.verificationCode(keys).text()).isEqualTo(v.get("code").asText());
        assertThat(secret.verificationCode(keys.reversed()).text()).isEqualTo(v.get("code").asText());
    }

    private static Stream<JsonNode> section(String name) {
        return TestVectors.entries(VECTORS.get(name)).stream();
    }

    private static CipherSuite suite(JsonNode v) {
        return CipherSuite.of(v.get("suite").asInt()).orElseThrow();
    }
}
