package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.protocol.TestVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.parley.protocol.TestVectors;

/**
 * RFC 9180 Appendix A.1.3 (auth mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM): the
 * mode {@link KeyDelivery} seals KEY payloads in, through the same Bouncy Castle HPKE, with key
 * pairs from the vector's fixed private keys. Bouncy Castle draws the ephemeral key itself, so the
 * sender's side is checked by what the recipient opens; the browser checks both sides.
 */
class HpkeAuthVectorTest {

    private static final JsonNode V = TestVectors.load("rfc9180-hpke-x25519-sha256-auth.json").get(0);

    private final ParticipantKeyPair recipient = ParticipantKeyPair.fromPrivateKey(hex(V, "skRm"));
    private final ParticipantKeyPair sender = ParticipantKeyPair.fromPrivateKey(hex(V, "skSm"));
    private final HPKE hpke = new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);

    @Test
    void vectorIsAuthModeOfTheSuiteKeyDeliveryUses() {
        assertThat(V.get("mode").asInt()).isEqualTo(2);
        assertThat(V.get("kem_id").asInt()).isEqualTo(0x20);
        assertThat(V.get("kdf_id").asInt()).isEqualTo(1);
        assertThat(V.get("aead_id").asInt()).isEqualTo(1);
        assertThat(recipient.publicKey()).isEqualTo(hex(V, "pkRm"));
        assertThat(sender.publicKey()).isEqualTo(hex(V, "pkSm"));
    }

    @Test
    void recipientOpensTheVectorsCiphertextsAsSealedByTheSenderAndGetsTheExports() throws InvalidCipherTextException {
        HPKEContext receiver = hpke.setupAuthR(hex(V, "enc"), recipient.asBouncyCastle(), hex(V, "info"),
                new X25519PublicKeyParameters(hex(V, "pkSm"), 0));

        for (JsonNode encryption : V.get("encryptions")) {
            if (encryption.get("sequence_number").asInt() > 2) {
                break; // a recipient cannot skip sequence numbers without their ciphertexts
            }
            assertThat(receiver.open(hex(encryption, "aad"), hex(encryption, "ct"))).isEqualTo(hex(encryption, "pt"));
        }
        for (JsonNode export : V.get("exports")) {
            assertThat(receiver.export(hex(export, "exporter_context"), export.get("L").asInt()))
                    .isEqualTo(hex(export, "exported_value"));
        }
    }

    @Test
    void theSameCiphertextDoesNotOpenAsSealedByAnyoneElse() {
        byte[] impostor = ParticipantKeyPair.fromPrivateKey(hex(V, "skEm")).publicKey();
        JsonNode first = V.get("encryptions").get(0);

        assertThatThrownBy(() -> hpke.setupAuthR(hex(V, "enc"), recipient.asBouncyCastle(), hex(V, "info"),
                new X25519PublicKeyParameters(impostor, 0)).open(hex(first, "aad"), hex(first, "ct")))
                .isInstanceOf(InvalidCipherTextException.class);
    }
}
