package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.parley.protocol.Hkdf;

/** The input key (README §9.1) as a third member, the relay and a replaying attacker see it. */
class InputKeyTest {
    private static final UUID SESSION = UUID.fromString("5f0c6b7e-3a1d-4c2b-9e8f-0123456789ab");
    private static final int P = 1;
    private static final int C = 2;
    private static final int M = 3;
    private static final byte[] CLICK = "{\"t\":\"down\",\"button\":0,\"x\":1,\"y\":1}".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();
    private final ParticipantKeyPair presenter = ParticipantKeyPair.generate(random);
    private final ParticipantKeyPair controller = ParticipantKeyPair.generate(random);
    private final ParticipantKeyPair mallory = ParticipantKeyPair.generate(random);

    private InputKey pair(ParticipantKeyPair self, ParticipantKeyPair p, ParticipantKeyPair c, int controllerId) {
        return InputKey.derive(self, SESSION, P, p.publicKey(), controllerId, c.publicKey());
    }

    @Test
    void presenterOpensWhatTheControllerAuthenticated() {
        byte[] body = pair(controller, presenter, controller, C).authenticate(5, 1, CLICK);

        assertThat(pair(presenter, presenter, controller, C).open(5, body))
                .hasValueSatisfying(e -> assertThat(e.json()).isEqualTo(CLICK));
    }

    @Test
    void aThirdMembersOwnPairKeyDoesNotOpenAsTheControllers() {
        byte[] forged = pair(mallory, presenter, mallory, M).authenticate(5, 1, CLICK);

        assertThat(pair(presenter, presenter, controller, C).open(5, forged)).isEmpty();
    }

    @Test
    void aThirdMemberBindingItsOwnX25519OrAGuessedKeyToTheControllersIdsAndKeysIsRefused() throws Exception {
        // everything the derivation binds is public except the shared secret; Mallory has X25519(sk_M, pk_P) only
        byte[] info = Encoding.of("parley/1 input").uuid(SESSION).u16(P).u16(C).bytes(presenter.publicKey())
                .bytes(controller.publicKey()).toBytes();
        byte[] ownSecret = Hkdf.sha256().derive(Encoding.utf8("parley/1 input"), mallory.agree(presenter.publicKey()), info, 32);
        byte[] guessed = new byte[32];
        random.nextBytes(guessed);
        InputKey atPresenter = pair(presenter, presenter, controller, C);

        assertThat(atPresenter.open(5, forged(ownSecret, 5, 1, CLICK))).isEmpty();
        assertThat(atPresenter.open(5, forged(guessed, 5, 1, CLICK))).isEmpty();
        assertThat(atPresenter.open(5, forged(atPresenter.keyBytes(), 5, 1, CLICK))).as("the forging method itself is right").isPresent();
        assertThatThrownBy(() -> InputKey.derive(mallory, SESSION, P, presenter.publicKey(), C, controller.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
    }

    /** A 0x11 body tagged with arbitrary key bytes, as an attacker would write one. */
    private static byte[] forged(byte[] key, long epoch, long seq, byte[] json) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] tag = mac.doFinal(Encoding.of("parley/1 input event").u64(epoch).u64(seq).bytes(json).toBytes());
        return Encoding.of("").u64(seq).bytes(tag).bytes(json).toBytes();
    }

    @Test
    void aTagHoldsOnlyForItsEpochItsSequenceNumberAndItsEvent() {
        InputKey key = pair(controller, presenter, controller, C);
        InputKey atPresenter = pair(presenter, presenter, controller, C);
        byte[] body = key.authenticate(5, 7, CLICK);

        assertThat(atPresenter.open(6, body)).as("re-sealed in another epoch").isEmpty();
        for (int i = 0; i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            assertThat(atPresenter.open(5, changed)).as("byte %d changed", i).isEmpty();
        }
        assertThat(atPresenter.open(5, Arrays.copyOf(body, body.length - 1))).as("truncated").isEmpty();
        assertThat(atPresenter.open(5, Arrays.copyOf(body, InputKey.HEADER_LENGTH - 1))).as("shorter than the header").isEmpty();
    }

    @Test
    void aKeyIsBoundToTheSessionThePairAndTheirJoinKeys() {
        byte[] body = pair(controller, presenter, controller, C).authenticate(5, 1, CLICK);
        ParticipantKeyPair rejoined = ParticipantKeyPair.generate(random);

        assertThat(InputKey.derive(presenter, UUID.randomUUID(), P, presenter.publicKey(), C, controller.publicKey()).open(5, body))
                .as("another session").isEmpty();
        assertThat(InputKey.derive(presenter, SESSION, P, presenter.publicKey(), 4, controller.publicKey()).open(5, body))
                .as("another controller id").isEmpty();
        assertThat(pair(presenter, presenter, rejoined, C).open(5, body)).as("the controller rejoined with a new key").isEmpty();
    }

    @Test
    void equalKeysBindTheSameParticipantsWhicheverSideDerivedThem() {
        assertThat(pair(presenter, presenter, controller, C)).isEqualTo(pair(controller, presenter, controller, C))
                .isNotEqualTo(pair(presenter, presenter, mallory, M));
    }

    @Test
    void refusesASmallOrderPublicKeyAndSenselessArguments() {
        byte[] zero = new byte[32];

        assertThatThrownBy(() -> InputKey.derive(presenter, SESSION, P, presenter.publicKey(), C, zero))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all-zero");
        assertThatThrownBy(() -> InputKey.derive(presenter, SESSION, P, presenter.publicKey(), P, controller.publicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InputKey.derive(presenter, SESSION, 0, presenter.publicKey(), C, controller.publicKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pair(controller, presenter, controller, C).authenticate(5, 0, CLICK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
