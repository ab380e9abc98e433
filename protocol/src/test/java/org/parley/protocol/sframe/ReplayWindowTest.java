package org.parley.protocol.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.protocol.sframe.SFrameException.Reason;

class ReplayWindowTest {

    private final ReplayWindow window = new ReplayWindow();

    @Test
    void firstCounterIsAcceptedWhateverItsValue() throws SFrameException {
        window.accept(1_000_000);

        assertThat(window.highest()).isEqualTo(1_000_000);
    }

    @Test
    void eachCounterIsAcceptedOnlyOnce() throws SFrameException {
        window.accept(0);
        window.accept(1);

        assertRefused(0, Reason.REPLAY);
        assertRefused(1, Reason.REPLAY);
    }

    @Test
    void outOfOrderCountersInsideTheWindowAreAcceptedOnce() throws SFrameException {
        window.accept(200);

        for (long ctr = 73; ctr < 200; ctr++) { // the 127 counters below the highest
            window.accept(ctr);
        }
        assertRefused(150, Reason.REPLAY);
        assertThat(window.highest()).isEqualTo(200);
    }

    @Test
    void countersBelowTheWindowAreTooOld() throws SFrameException {
        window.accept(200);

        assertRefused(72, Reason.TOO_OLD);
        assertRefused(0, Reason.TOO_OLD);
    }

    @Test
    void aJumpForwardForgetsWhatFallsOutOfTheWindow() throws SFrameException {
        window.accept(5);
        window.accept(5 + 64);   // shift by exactly one word
        window.accept(5 + 200);  // shift past the whole window

        assertRefused(5 + 64, Reason.TOO_OLD);
        assertThatCode(() -> window.accept(5 + 200 - 127)).doesNotThrowAnyException();
        assertRefused(5 + 200 - 127, Reason.REPLAY);
    }

    @Test
    void shiftsOfEveryDistanceKeepTheRememberedCounters() throws SFrameException {
        long ctr = 1000;
        window.accept(ctr);
        for (int step = 1; step < 130; step++) {
            long previous = ctr;
            ctr += step;
            window.accept(ctr);
            if (ctr - previous < ReplayWindow.SIZE) {
                assertRefused(previous, Reason.REPLAY);
            } else {
                assertRefused(previous, Reason.TOO_OLD);
            }
        }
    }

    @Test
    void checkRecordsNothing() throws SFrameException {
        window.check(7);
        window.check(7);

        window.accept(7);
        assertRefused(7, Reason.REPLAY);
    }

    @Test
    void countersAreUnsigned() throws SFrameException {
        window.accept(Long.MAX_VALUE);
        window.accept(Long.MIN_VALUE); // 2^63, above 2^63 - 1

        assertThat(window.highest()).isEqualTo(Long.MIN_VALUE);
        assertRefused(Long.MAX_VALUE, Reason.REPLAY);
        assertRefused(0, Reason.TOO_OLD);
    }

    private void assertRefused(long ctr, Reason reason) {
        assertThatThrownBy(() -> window.accept(ctr))
                .isInstanceOfSatisfying(SFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
