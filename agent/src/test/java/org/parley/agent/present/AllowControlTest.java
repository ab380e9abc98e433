package org.parley.agent.present;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.keys.KeyFingerprint;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.keys.VerificationCode;

/**
 * {@code --allow-control <fingerprint>} as a hostile server would test it: control goes to the key the
 * presenter named, never to whoever the server gives the name or the id to.
 */
class AllowControlTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PRESENTER = 1;
    private final byte[] ivansKey = key();
    private final Participant presenter = new Participant(PRESENTER, "Olga Tester", "organizer", key());
    private final Membership everyone = new Membership(3, PRESENTER, List.of(1, 2, 3, 4), new VerificationCode("1234 5678 9012 3456"));

    @Test
    void theMemberWithTheNamedKeyGetsControlWhateverTheServerCallsThem() {
        var ivan = new Participant(2, "someone the server renamed", "invitee", ivansKey);

        assertThat(Presentation.holdersOf(KeyFingerprint.of(ivansKey), List.of(presenter, ivan), everyone, PRESENTER))
                .containsExactly(ivan);
    }

    @Test
    void aWrongFingerprintGrantsNothingEvenToTheExpectedName() {
        var impostor = new Participant(2, "Ivan Tester", "invitee", key());

        assertThat(Presentation.holdersOf(KeyFingerprint.of(ivansKey), List.of(presenter, impostor), everyone, PRESENTER))
                .isEmpty();
        assertThat(Presentation.holdersOf(KeyFingerprint.parse("0000 0000 0000 0000"), List.of(presenter, impostor), everyone,
                PRESENTER)).isEmpty();
    }

    @Test
    void theNamedKeyOutsideTheEpochOrOnThePresenterGetsNothing() {
        var waiting = new Participant(9, "Ivan Tester", "invitee", ivansKey);
        var self = new Participant(PRESENTER, "Olga Tester", "organizer", ivansKey);

        assertThat(Presentation.holdersOf(KeyFingerprint.of(ivansKey), List.of(waiting), everyone, PRESENTER)).isEmpty();
        assertThat(Presentation.holdersOf(KeyFingerprint.of(ivansKey), List.of(self), everyone, PRESENTER)).isEmpty();
    }

    @Test
    void oneKeyAnnouncedUnderTwoIdsIsTwoHoldersSoNeitherIsGranted() {
        var ivan = new Participant(2, "Ivan Tester", "invitee", ivansKey);
        var copy = new Participant(3, "Ivan Tester", "invitee", ivansKey.clone());

        assertThat(Presentation.holdersOf(KeyFingerprint.of(ivansKey), List.of(presenter, ivan, copy), everyone, PRESENTER))
                .hasSize(2);
    }

    private static byte[] key() {
        return ParticipantKeyPair.generate(RANDOM).publicKey();
    }
}
