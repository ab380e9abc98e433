package org.parley.agent.present;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.protocol.keys.InputKey;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * The presenter's input check (README §9.1) as a third member working with the relay would attack
 * it: the relay stamps any envelope sender it likes and the group key lets Mallory seal a frame under
 * the controller's KID, so all that stands between her and the desktop is the tag and the sequence number.
 */
class InputGateTest {
    private static final UUID SESSION = UUID.randomUUID();
    private static final int PRESENTER = 1;
    private static final int CONTROLLER = 2;
    private static final int MALLORY = 3;
    private static final long EPOCH = 4;
    private static final byte[] TYPE = "{\"t\":\"text\",\"text\":\"rm -rf ~\"}".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();
    private final ParticipantKeyPair presenter = ParticipantKeyPair.generate(random);
    private final ParticipantKeyPair controller = ParticipantKeyPair.generate(random);
    private final ParticipantKeyPair mallory = ParticipantKeyPair.generate(random);
    private final InputGate gate = new InputGate();

    /** The input key between the presenter and {@code id} (owner of {@code pair}), from {@code self}'s side. */
    private InputKey key(ParticipantKeyPair self, int id, ParticipantKeyPair pair) {
        return InputKey.derive(self, SESSION, PRESENTER, presenter.publicKey(), id, pair.publicKey());
    }

    private InputKey controllersKey() {
        return key(controller, CONTROLLER, controller);
    }

    @Test
    void theControllersOwnEventIsAppliedExactlyOnce() {
        gate.open(key(presenter, CONTROLLER, controller));
        byte[] body = controllersKey().authenticate(EPOCH, 1, TYPE);

        assertThat(gate.check(CONTROLLER, EPOCH, body)).isInstanceOfSatisfying(InputGate.Accepted.class,
                a -> assertThat(a.json()).isEqualTo(TYPE));
        assertThat(gate.check(CONTROLLER, EPOCH, body)).as("the same event again").isInstanceOfSatisfying(
                InputGate.Unauthenticated.class, u -> assertThat(u.reason()).contains("replay"));
    }

    @Test
    void aThirdMembersEventSentUnderTheControllersIdIsRefused() {
        gate.open(key(presenter, CONTROLLER, controller));
        // Mallory's own pair key with the presenter, and a random key: neither is the controller's
        byte[] ownKey = key(mallory, MALLORY, mallory).authenticate(EPOCH, 1, TYPE);
        byte[] guessed = new byte[InputKey.HEADER_LENGTH + TYPE.length];
        random.nextBytes(guessed);
        guessed[0] = 0;

        assertThat(gate.check(CONTROLLER, EPOCH, ownKey)).isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, guessed)).isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(MALLORY, EPOCH, ownKey)).as("under her own id").isInstanceOf(InputGate.NotInControl.class);
        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 1, TYPE)))
                .as("the controller's own first event still counts").isInstanceOf(InputGate.Accepted.class);
    }

    @Test
    void anOlderOrRepeatedSequenceNumberIsAReplay() {
        gate.open(key(presenter, CONTROLLER, controller));
        byte[] five = controllersKey().authenticate(EPOCH, 5, TYPE);
        byte[] three = controllersKey().authenticate(EPOCH, 3, TYPE);
        byte[] six = controllersKey().authenticate(EPOCH, 6, TYPE);

        assertThat(gate.check(CONTROLLER, EPOCH, five)).isInstanceOf(InputGate.Accepted.class);
        assertThat(gate.check(CONTROLLER, EPOCH, three)).as("held back and released later").isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, five)).isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, six)).isInstanceOf(InputGate.Accepted.class);
    }

    @Test
    void anEventResealedInAnotherEpochIsRefused() {
        gate.open(key(presenter, CONTROLLER, controller));
        byte[] body = controllersKey().authenticate(EPOCH, 1, TYPE);

        assertThat(gate.check(CONTROLLER, EPOCH + 1, body)).isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, body)).as("a refused event does not use up its number")
                .isInstanceOf(InputGate.Accepted.class);
    }

    @Test
    void afterRevocationOrAGrantToSomeoneElseTheOldControllersEventsNoLongerWork() {
        gate.open(key(presenter, CONTROLLER, controller));
        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 1, TYPE))).isInstanceOf(InputGate.Accepted.class);

        gate.close();
        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 2, TYPE))).isInstanceOf(InputGate.NotInControl.class);

        gate.open(key(presenter, MALLORY, mallory)); // the presenter now lets Mallory control
        byte[] oldControllersTag = controllersKey().authenticate(EPOCH, 3, TYPE);
        assertThat(gate.check(CONTROLLER, EPOCH, oldControllersTag)).isInstanceOf(InputGate.NotInControl.class);
        assertThat(gate.check(MALLORY, EPOCH, oldControllersTag)).as("relabelled with the new controller's id")
                .isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(MALLORY, EPOCH, key(mallory, MALLORY, mallory).authenticate(EPOCH, 1, TYPE)))
                .isInstanceOf(InputGate.Accepted.class);
    }

    @Test
    void aNewGrantToTheSameControllerDoesNotReopenItsOldSequenceNumbers() {
        byte[] seven = controllersKey().authenticate(EPOCH, 7, TYPE);
        gate.open(key(presenter, CONTROLLER, controller));
        assertThat(gate.check(CONTROLLER, EPOCH, seven)).isInstanceOf(InputGate.Accepted.class);
        gate.close();

        gate.open(key(presenter, CONTROLLER, controller)); // derived again for the new grant

        assertThat(gate.check(CONTROLLER, EPOCH, seven)).isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 8, TYPE))).isInstanceOf(InputGate.Accepted.class);
    }

    @Test
    void aControllerThatRejoinedWithANewKeyStartsItsOwnCount() {
        gate.open(key(presenter, CONTROLLER, controller));
        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 9, TYPE))).isInstanceOf(InputGate.Accepted.class);
        ParticipantKeyPair rejoined = ParticipantKeyPair.generate(random);

        gate.open(key(presenter, CONTROLLER, rejoined));

        assertThat(gate.check(CONTROLLER, EPOCH, controllersKey().authenticate(EPOCH, 10, TYPE)))
                .as("the old connection's key").isInstanceOf(InputGate.Unauthenticated.class);
        assertThat(gate.check(CONTROLLER, EPOCH, key(rejoined, CONTROLLER, rejoined).authenticate(EPOCH, 1, TYPE)))
                .isInstanceOf(InputGate.Accepted.class);
    }
}
