package org.parley.protocol.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.protocol.sframe.SFrameException.Reason;

class SFrameKeyTest {

    private static final byte[] NONE = new byte[0];
    private static final byte[] TEXT = "a chat message".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void framesOpenToWhatWasSealed(CipherSuite suite) throws SFrameException {
        SFrameKey sender = key(suite, 0x1_0001);
        SFrameKey receiver = key(suite, 0x1_0001);

        for (long ctr = 0; ctr < 20; ctr++) {
            byte[] plaintext = new byte[(int) ctr * 37];
            assertThat(receiver.open(sender.seal(ctr, NONE, plaintext), NONE)).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void frameIsHeaderThenCiphertextThenTag(CipherSuite suite) {
        byte[] frame = key(suite, 3).seal(4, NONE, TEXT);

        assertThat(frame).hasSize(1 + TEXT.length + CipherSuite.TAG_LENGTH);
        assertThat(frame[0]).isEqualTo((byte) 0x34);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void alteringAnyByteOfAFrameMakesItFail(CipherSuite suite) {
        SFrameKey key = key(suite, 300);
        byte[] frame = key.seal(1234, NONE, TEXT);

        for (int i = 0; i < frame.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = frame.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> key.open(altered, NONE)).isInstanceOf(SFrameException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void otherMetadataFailsTheTag(CipherSuite suite) {
        SFrameKey key = key(suite, 9);
        byte[] frame = key.seal(0, "room 1".getBytes(StandardCharsets.UTF_8), TEXT);

        assertRefused(() -> key.open(frame, "room 2".getBytes(StandardCharsets.UTF_8)), Reason.BAD_TAG);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void anotherBaseKeyFailsTheTag(CipherSuite suite) {
        byte[] frame = key(suite, 9).seal(0, NONE, TEXT);
        byte[] otherBase = new byte[suite.hashLength()];

        assertRefused(() -> SFrameKey.derive(suite, 9, otherBase).open(frame, NONE), Reason.BAD_TAG);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void framesShorterThanTheTagAreTruncated(CipherSuite suite) {
        byte[] frame = key(suite, 9).seal(0, NONE, NONE);
        byte[] shortened = java.util.Arrays.copyOf(frame, frame.length - 1);

        assertRefused(() -> key(suite, 9).open(shortened, NONE), Reason.TRUNCATED_CIPHERTEXT);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aFrameOfAnotherKidIsNotOpened(CipherSuite suite) {
        byte[] frame = key(suite, 10).seal(0, NONE, TEXT);

        assertRefused(() -> key(suite, 11).open(frame, NONE), Reason.UNKNOWN_EPOCH);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void theKeyIsReusedAcrossManyFramesWithoutCounterClashes(CipherSuite suite) throws SFrameException {
        SFrameKey key = key(suite, 1);
        byte[] last = NONE;
        for (long ctr = 0; ctr < 2000; ctr++) {
            last = key.seal(ctr, NONE, TEXT);
        }

        assertThat(key.open(last, NONE)).isEqualTo(TEXT);
        assertThat(key.open(key.seal(2000, NONE, TEXT), NONE)).isEqualTo(TEXT);
    }

    private static SFrameKey key(CipherSuite suite, long kid) {
        byte[] base = new byte[suite.hashLength()];
        base[0] = 42;
        return SFrameKey.derive(suite, kid, base);
    }

    private interface Opening {
        void open() throws SFrameException;
    }

    private static void assertRefused(Opening opening, Reason reason) {
        assertThatThrownBy(opening::open)
                .isInstanceOfSatisfying(SFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
