package org.parley.agent.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.agent.consent.Answer;
import org.parley.protocol.client.Participant;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * The customer's viewing consent as a hostile server would probe it: what the customer allowed is a
 * key, so the technician's id, name and role re-announced with another key see nothing until the
 * customer allows that key too, and the same key keeps its consent under a new id after a reconnect.
 */
class ViewingConsentTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ViewingConsent consent = new ViewingConsent();
    private final Participant technician = new Participant(2, "Tom Technician", "organizer", key());

    @Test
    void nothingIsSharedBeforeTheCustomerAllowsTheMembersKey() {
        assertThat(consent.allowsAll(List.of(2), List.of(technician))).isFalse();
        assertThat(consent.startQuestion(technician)).isTrue();
        assertThat(consent.questionOpen()).isTrue();
        assertThat(consent.allowsAll(List.of(2), List.of(technician))).isFalse();

        consent.answered(technician, Answer.ALLOW);

        assertThat(consent.questionOpen()).isFalse();
        assertThat(consent.allowsAll(List.of(2), List.of(technician))).isTrue();
    }

    @Test
    void theAllowedIdNameAndRoleWithAnotherKeyStopTheScreenAndAreAskedAbout() {
        consent.startQuestion(technician);
        consent.answered(technician, Answer.ALLOW);
        var impostor = new Participant(technician.id(), technician.name(), technician.role(), key());

        assertThat(consent.allows(impostor)).isFalse();
        assertThat(consent.allowsAll(List.of(2), List.of(impostor))).as("the same member list, another key").isFalse();
        assertThat(consent.startQuestion(impostor)).as("a new question, about the new key").isTrue();
        assertThat(consent.questionOpen()).isTrue();
    }

    @Test
    void aDeclineOrATimeoutHoldsForThatKeyAndIsNotAskedAgain() {
        consent.startQuestion(technician);
        consent.answered(technician, Answer.TIMED_OUT);

        assertThat(consent.declines(technician)).isTrue();
        assertThat(consent.startQuestion(technician)).isFalse();
        assertThat(consent.allowsAll(List.of(2), List.of(technician))).isFalse();
    }

    @Test
    void consentForTheSameKeySurvivesAReconnectUnderANewIdAndName() {
        consent.startQuestion(technician);
        consent.answered(technician, Answer.ALLOW);
        // the customer reconnected to a room made anew: the technician is participant 1 now
        var sameKeyNewId = new Participant(1, "Tom T.", "organizer", technician.publicKey().clone());

        assertThat(consent.allowsAll(List.of(1), List.of(sameKeyNewId))).isTrue();
        assertThat(consent.startQuestion(sameKeyNewId)).as("no second question for the same key").isFalse();
    }

    @Test
    void aMemberTheRosterDoesNotListIsNotAllowedNorIsNobody() {
        consent.startQuestion(technician);
        consent.answered(technician, Answer.ALLOW);

        assertThat(consent.allowsAll(List.of(2, 3), List.of(technician))).isFalse();
        assertThat(consent.allowsAll(List.of(), List.of(technician))).isFalse();
    }

    @Test
    void askingIsOncePerKeyWhileTheQuestionIsOpen() {
        assertThat(consent.startQuestion(technician)).isTrue();
        assertThat(consent.startQuestion(technician)).isFalse();
    }

    private static byte[] key() {
        return ParticipantKeyPair.generate(RANDOM).publicKey();
    }
}
