package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invitation proofs (README §5) and verification codes (README §6). */
class AdmissionAndVerificationTest {

    private static final UUID SESSION = UUID.fromString("0c0ffee0-0000-4000-8000-00000000abcd");

    private final SecureRandom random = new SecureRandom();
    private final byte[] joinerKey = ParticipantKeyPair.generate(random).publicKey();

    @Test
    void aKeyholderWithTheSameLinkAdmitsTheJoiner() {
        InvitationSecret link = InvitationSecret.random(random);
        InvitationSecret keyholdersCopy = InvitationSecret.fromFragment(link.toFragment());

        assertThat(keyholdersCopy.admits(SESSION, joinerKey, link.proof(SESSION, joinerKey))).isTrue();
        assertThat(link.toFragment()).hasSize(43).doesNotContain("=", "+", "/");
    }

    @Test
    void aProofDoesNotAdmitAnotherKeyAnotherSessionOrWithoutTheLink() {
        InvitationSecret link = InvitationSecret.random(random);
        byte[] proof = link.proof(SESSION, joinerKey);
        byte[] relayKey = ParticipantKeyPair.generate(random).publicKey();

        assertThat(link.admits(SESSION, relayKey, proof)).isFalse();
        assertThat(link.admits(UUID.randomUUID(), joinerKey, proof)).isFalse();
        assertThat(InvitationSecret.random(random).admits(SESSION, joinerKey, proof)).isFalse();
    }

    @Test
    void aFragmentThatIsNot32BytesIsRefused() {
        assertThatThrownBy(() -> InvitationSecret.fromFragment("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvitationSecret.fromFragment("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verificationCodeIsFourGroupsOfFourDigitsAndChangesWithTheEpoch() {
        EpochSecret secret = EpochSecret.random(0, random);
        List<byte[]> keys = List.of(joinerKey);

        VerificationCode code = secret.verificationCode(keys);

        assertThat(code.text()).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
        assertThat(secret.afterJoin().verificationCode(keys)).isNotEqualTo(code);
    }

    @Test
    void secretsNeverShowInToString() {
        EpochSecret secret = EpochSecret.of(3, new byte[32]);

        assertThat(secret.toString()).isEqualTo("EpochSecret[epoch=3, secret=(hidden)]");
        assertThat(InvitationSecret.random(random).toString()).doesNotContain(InvitationSecret.random(random).toFragment());
    }
}
