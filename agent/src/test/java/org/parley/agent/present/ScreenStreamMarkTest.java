package org.parley.agent.present;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.protocol.envelope.MediaMark;

/** Protocol README §12: what the relay may skip of the agent's tiles, and where a viewer starts again. */
class ScreenStreamMarkTest {

    @Test
    void aKeyframesFirstPartIsTheRefreshPointItsOtherPartsMustFollowAndDeltasMayBeSkipped() {
        assertThat(ScreenStream.mark(true, 0)).isEqualTo(MediaMark.REFRESH_POINT);
        assertThat(MediaMark.droppable(ScreenStream.mark(true, 0))).isFalse();
        assertThat(ScreenStream.mark(true, 1)).isZero();
        assertThat(ScreenStream.mark(false, 0)).isEqualTo(MediaMark.DROPPABLE);
        assertThat(ScreenStream.mark(false, 3)).isEqualTo(MediaMark.DROPPABLE);
    }
}
