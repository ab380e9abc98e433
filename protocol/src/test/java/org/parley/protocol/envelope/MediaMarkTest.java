package org.parley.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** README §12: the mark's bits, as the relay and the browser read them. */
class MediaMarkTest {

    @Test
    void theMarkSaysAudioAndNamesItsStreamInBitsFourAndFive() {
        assertThat(MediaMark.audio(MediaMark.AUDIO)).isTrue();
        assertThat(MediaMark.droppable(MediaMark.AUDIO)).isFalse();
        assertThat(MediaMark.stream(MediaMark.AUDIO)).isZero();
        int highDelta = MediaMark.of(MediaMark.STREAM_CAMERA_HIGH, MediaMark.DROPPABLE);
        assertThat(highDelta).isEqualTo(0x22);
        assertThat(MediaMark.stream(highDelta)).isEqualTo(MediaMark.STREAM_CAMERA_HIGH);
        assertThat(MediaMark.stream(MediaMark.of(MediaMark.STREAM_CAMERA_LOW, MediaMark.REFRESH_POINT))).isEqualTo(1);
        // bits 6–7 are reserved and change nothing
        assertThat(MediaMark.stream(0xc0 | 0x10)).isEqualTo(1);
        assertThat(MediaMark.audio(0xc0)).isFalse();
        assertThatThrownBy(() -> MediaMark.of(4, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
