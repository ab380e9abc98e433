package org.parley.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** README §8 and §12: which kinds a MEDIA may carry, and the stream a media_dropped notice names. */
class MediaContentTest {

    @Test
    void aMediaCarriesScreenContentAudioFramesAndCameraChunksOnly() {
        var allowed = IntStream.range(0, 256).filter(Content::media).boxed().toList();
        assertThat(allowed).containsExactlyElementsOf(IntStream.rangeClosed(0x10, 0x21).boxed().toList());
        // media state, mute and camera keyframe requests, recording state, support tools (§9b): content, but never droppable
        for (int kind = 0x22; kind <= 0x3f; kind++) {
            assertThat(Content.application(kind)).as("kind %x", kind).isTrue();
            assertThat(Content.media(kind)).as("kind %x", kind).isFalse();
        }
        assertThat(Content.media(Content.MEMBERS)).isFalse();
        assertThat(Content.media(Content.CHAT)).isFalse();
        assertThat(Content.application(0x40)).isFalse();
    }

    @Test
    void aMediaDroppedNoticeNamesItsStreamAndOneWithoutNamesTheScreen() {
        assertThat(Control.error(utf8("{\"error\":\"media_dropped\",\"message\":\"m\",\"from\":4,\"stream\":1}")))
                .isEqualTo(new SessionEvent.MediaDropped(4, 1));
        assertThat(Control.error(utf8("{\"error\":\"media_dropped\",\"message\":\"m\",\"from\":4}")))
                .isEqualTo(new SessionEvent.MediaDropped(4, 0));
        // a stream the mark cannot name is no notice we can act on
        assertThat(Control.error(utf8("{\"error\":\"media_dropped\",\"message\":\"m\",\"from\":4,\"stream\":9}")))
                .isInstanceOf(SessionEvent.Refused.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
