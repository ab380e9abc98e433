package org.parley.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.parley.protocol.MutableClock;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameException.Reason;
import org.parley.protocol.sframe.SFrameHeader;

/** Participants in one session, keys moving between them as README §2–§4 say. */
class SessionKeysTest {

    private static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;
    private static final UUID SESSION = UUID.fromString("9b2d7f40-1111-4222-8333-444455556666");
    private static final ParticipantKeyPair KEYHOLDER = ParticipantKeyPair.generate(new SecureRandom());
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final MutableClock clock = new MutableClock();
    private final Participant alice = new Participant(1);
    private final Participant bob = new Participant(2);
    private final Participant carol = new Participant(3);

    /** A participant: its keys and the X25519 key pair it sent in its JOIN. */
    private final class Participant {
        final int id;
        final SessionKeys keys;
        final ParticipantKeyPair keyPair = ParticipantKeyPair.generate(random);

        Participant(int id) {
            this.id = id;
            this.keys = new SessionKeys(id, SUITE, clock, Duration.ofSeconds(10));
        }

        /** Receives {@code secret} from the keyholder the way the wire carries it: a KEY payload. */
        Installation receive(EpochSecret secret) throws KeyDeliveryException {
            byte[] payload = KeyDelivery.seal(SESSION, secret, id, keyPair.publicKey(), KEYHOLDER);
            return keys.install(KeyDelivery.open(SESSION, id, keyPair, KEYHOLDER.publicKey(), payload));
        }

        byte[] open(Participant from, byte[] frame) throws SFrameException {
            return keys.open(from.id, frame).plaintext();
        }
    }

    @Test
    void participantsOfAnEpochReadEachOther() throws Exception {
        bob.receive(alice.keys.start(random));

        assertThat(bob.open(alice, alice.keys.seal(HELLO))).isEqualTo(HELLO);
        assertThat(alice.open(bob, bob.keys.seal(HELLO))).isEqualTo(HELLO);
    }

    @Test
    void openedFrameNamesEpochSenderAndCounter() throws Exception {
        bob.receive(alice.keys.start(random));
        alice.keys.seal(HELLO);

        OpenedFrame opened = bob.keys.open(alice.id, alice.keys.seal(HELLO));

        assertThat(opened.epoch()).isZero();
        assertThat(opened.sender()).isEqualTo(alice.id);
        assertThat(opened.ctr()).isEqualTo(1);
    }

    @Test
    void aParticipantWhoJoinedLaterCannotOpenFramesFromBeforeItJoined() throws Exception {
        bob.receive(alice.keys.start(random));
        byte[] beforeCarol = alice.keys.seal(HELLO);

        EpochSecret afterJoin = alice.keys.advanceOnJoin(); // keyholder ratchets and seals to the newcomer
        carol.receive(afterJoin);
        bob.keys.advanceOnJoin(); // existing participants compute the same epoch themselves

        assertRefused(() -> carol.open(alice, beforeCarol), Reason.UNKNOWN_EPOCH);
        assertThat(carol.open(alice, alice.keys.seal(HELLO))).isEqualTo(HELLO);
        assertThat(carol.open(bob, bob.keys.seal(HELLO))).isEqualTo(HELLO);
        assertThat(bob.keys.current().orElseThrow().sameAs(afterJoin)).isTrue();
    }

    @Test
    void sealingInAnApprovedEpochStopsOnceANewerKeyArrives() throws Exception {
        EpochSecret first = alice.keys.start(random);
        bob.receive(first);
        assertThat(alice.open(bob, bob.keys.sealIn(0, HELLO))).isEqualTo(HELLO);

        // the keyholder admits carol: bob gets the new key before he learns who else holds it
        EpochSecret withCarol = alice.keys.advanceOnJoin();
        carol.receive(withCarol);
        bob.receive(withCarol);

        assertThatThrownBy(() -> bob.keys.sealIn(0, HELLO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the current epoch is 1, not 0");
        assertThat(carol.open(bob, bob.keys.sealIn(1, HELLO))).as("once epoch 1 is approved").isEqualTo(HELLO);
    }

    @Test
    void joinRatchetCannotBeRunBackwards() {
        EpochSecret first = EpochSecret.random(0, random);
        EpochSecret second = first.afterJoin();

        assertThat(second.epoch()).isEqualTo(1);
        assertThat(second.bytes()).isNotEqualTo(first.bytes());
        assertThat(second.afterJoin().bytes()).isNotEqualTo(first.bytes());
    }

    @Test
    void afterALeaveTheLeaverCannotOpenTheNewEpoch() throws Exception {
        EpochSecret first = alice.keys.start(random);
        bob.receive(first);
        carol.receive(first);

        EpochSecret afterLeave = alice.keys.advanceOnLeave(random); // carol left: fresh secret to the others
        bob.receive(afterLeave);
        byte[] frame = alice.keys.seal(HELLO);

        assertThat(bob.open(alice, frame)).isEqualTo(HELLO);
        assertRefused(() -> carol.open(alice, frame), Reason.UNKNOWN_EPOCH);
        carol.keys.advanceOnJoin(); // her best guess at the next epoch
        assertRefused(() -> carol.open(alice, frame), Reason.BAD_TAG);
    }

    @Test
    void aKidNamingAnotherSenderThanTheEnvelopeIsRefused() throws Exception {
        bob.receive(alice.keys.start(random));
        carol.receive(alice.keys.current().orElseThrow());

        assertRefused(() -> bob.keys.open(carol.id, alice.keys.seal(HELLO)), Reason.SENDER_MISMATCH);
    }

    @Test
    void aReplayedFrameIsRefusedAndAVeryLateOneIsTooOld() throws Exception {
        bob.receive(alice.keys.start(random));
        byte[] first = alice.keys.seal(HELLO);
        bob.open(alice, first);

        assertRefused(() -> bob.open(alice, first), Reason.REPLAY);
        byte[] late = alice.keys.seal(HELLO);
        for (int i = 0; i < 200; i++) {
            bob.open(alice, alice.keys.seal(HELLO));
        }
        assertRefused(() -> bob.open(alice, late), Reason.TOO_OLD);
    }

    @Test
    void aForgedFrameDoesNotMoveTheReplayWindow() throws Exception {
        bob.receive(alice.keys.start(random));
        byte[] genuine = alice.keys.seal(HELLO);
        Participant mallory = new Participant(alice.id); // knows the KID but not the secret
        mallory.keys.start(random);
        for (int i = 0; i < 500; i++) {
            mallory.keys.seal(HELLO);
        }

        assertRefused(() -> bob.open(alice, mallory.keys.seal(HELLO)), Reason.BAD_TAG);
        assertThat(bob.open(alice, genuine)).isEqualTo(HELLO);
    }

    @Test
    void lateFramesOfThePreviousEpochOpenDuringTheGracePeriodOnly() throws Exception {
        bob.receive(alice.keys.start(random));
        byte[] late1 = alice.keys.seal(HELLO);
        byte[] late2 = alice.keys.seal(HELLO);
        bob.receive(alice.keys.advanceOnJoin());

        clock.advance(Duration.ofSeconds(9));
        assertThat(bob.open(alice, late1)).isEqualTo(HELLO);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(() -> bob.open(alice, late2), Reason.UNKNOWN_EPOCH);
    }

    @Test
    void onlyTheCurrentAndPreviousEpochAreKept() throws Exception {
        bob.receive(alice.keys.start(random));
        byte[] epoch0 = alice.keys.seal(HELLO);
        bob.receive(alice.keys.advanceOnJoin());
        bob.receive(alice.keys.advanceOnJoin());

        assertRefused(() -> bob.open(alice, epoch0), Reason.UNKNOWN_EPOCH);
    }

    @Test
    void epochsNeverGoBackAndAHeldEpochIsNotSwapped() throws Exception {
        EpochSecret first = alice.keys.start(random);
        EpochSecret second = alice.keys.advanceOnLeave(random);

        assertThat(alice.keys.install(first)).isEqualTo(Installation.STALE);
        assertThat(alice.keys.install(second)).isEqualTo(Installation.DUPLICATE);
        assertThat(alice.keys.install(EpochSecret.random(1, random))).isEqualTo(Installation.CONFLICT);
        assertThat(alice.keys.current().orElseThrow().sameAs(second)).isTrue();
        assertThat(alice.keys.install(EpochSecret.random(5, random))).isEqualTo(Installation.INSTALLED);
    }

    @Test
    void sealingBeforeAnyEpochIsAProgrammingError() {
        assertThatThrownBy(() -> alice.keys.seal(HELLO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no epoch secret");
        assertThat(alice.keys.current()).isEmpty();
    }

    @Test
    void everyoneHoldingTheEpochSeesTheSameVerificationCode() throws Exception {
        bob.receive(alice.keys.start(random));
        List<byte[]> keys = List.of(alice.keyPair.publicKey(), bob.keyPair.publicKey());
        byte[] relayKey = ParticipantKeyPair.generate(random).publicKey();

        VerificationCode code = alice.keys.verificationCode(keys);

        assertThat(bob.keys.verificationCode(keys.reversed())).isEqualTo(code);
        assertThat(alice.keys.verificationCode(List.of(alice.keyPair.publicKey(), relayKey))).isNotEqualTo(code);
    }

    @Test
    void concurrentSendersAndReceiversAcceptEachFrameExactlyOnce() throws Exception {
        bob.receive(alice.keys.start(random));
        carol.receive(alice.keys.current().orElseThrow());
        ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sending = List.of(
                    pool.submit(() -> sealMany(alice, frames)), pool.submit(() -> sealMany(alice, frames)),
                    pool.submit(() -> sealMany(carol, frames)), pool.submit(() -> sealMany(carol, frames)));
            for (Future<?> f : sending) {
                f.get();
            }
            List<byte[]> delivered = List.copyOf(frames);
            List<Future<Integer>> receiving = List.of(pool.submit(() -> openAll(delivered)),
                    pool.submit(() -> openAll(delivered)), pool.submit(() -> openAll(delivered)));
            int opened = 0;
            for (Future<Integer> f : receiving) {
                opened += f.get();
            }
            assertThat(opened).isEqualTo(4 * 50); // each frame once, whichever thread got it first
        } finally {
            pool.shutdownNow();
        }
    }

    private static Void sealMany(Participant sender, ConcurrentLinkedQueue<byte[]> out) {
        for (int i = 0; i < 50; i++) {
            out.add(sender.keys.seal(HELLO));
        }
        return null;
    }

    /** Bob opens every frame, as if three connections delivered the same stream; counts successes. */
    private int openAll(List<byte[]> frames) {
        int opened = 0;
        for (byte[] frame : frames) {
            try {
                int sender = Kid.senderOf(SFrameHeader.decode(frame, 0, frame.length).kid());
                assertThat(bob.keys.open(sender, frame).plaintext()).isEqualTo(HELLO);
                opened++;
            } catch (SFrameException e) {
                assertThat(e.reason()).isEqualTo(Reason.REPLAY);
            }
        }
        return opened;
    }

    private interface Opening {
        Object open() throws Exception;
    }

    private static void assertRefused(Opening opening, Reason reason) {
        assertThatThrownBy(opening::open)
                .isInstanceOfSatisfying(SFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
