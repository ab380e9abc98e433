package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

@ExtendWith(XvfbExtension.class)
class ScreenCaptureOnXvfbTest {

    @Test
    void patternOnScreenIsCapturedEncodedAndDecodedPixelForPixelThenOnlyTheCaretTileIsSent(Xvfb xvfb) throws Exception {
        List<String> result = ChildJvm.run(xvfb, CaptureScenario.class, Duration.ofSeconds(40));
        Path dir = Path.of(result.get(0));
        assertThat(result.get(1)).startsWith("1920 1080 ");

        try (TileDecoder decoder = new TileDecoder()) {
            for (byte[] body : bodies(dir, "keyframe")) {
                assertThat(TileHeaders.read(body).keyframe()).isTrue();
                decoder.apply(body);
            }
            Frame decoded = decoder.snapshot().orElseThrow();
            assertThat(TestPattern.shows(decoded, false)).as("the pattern window, decoded").isTrue();
            assertThat(decoded.pixels()).isEqualTo(rgb(frame(dir, "first")));

            List<byte[]> change = bodies(dir, "change");
            assertThat(change).hasSize(1);
            TileHeaders headers = TileHeaders.read(change.get(0));
            assertThat(headers.keyframe()).isFalse();
            assertThat(headers.lastPart()).isTrue();
            assertThat(headers.tiles()).isNotEmpty().extracting(TileHeaders.Tile::bounds)
                    .allSatisfy(bounds -> assertThat(TestPattern.CARET.contains(bounds)).as(bounds + " inside the caret").isTrue());
            decoder.apply(change.get(0));
            Frame after = decoder.snapshot().orElseThrow();
            assertThat(TestPattern.shows(after, true)).as("the pattern with the caret, decoded").isTrue();
            assertThat(after.pixels()).isEqualTo(rgb(frame(dir, "second")));
        }
    }

    private static List<byte[]> bodies(Path dir, String prefix) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + "-" + i)); i++) {
            bodies.add(Files.readAllBytes(dir.resolve(prefix + "-" + i)));
        }
        return bodies;
    }

    private static int[] frame(Path dir, String name) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name)));
        int[] pixels = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(pixels);
        return pixels;
    }

    private static int[] rgb(int[] pixels) {
        int[] masked = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            masked[i] = pixels[i] & 0xffffff;
        }
        return masked;
    }
}
