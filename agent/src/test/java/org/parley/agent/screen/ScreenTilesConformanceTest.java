package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java decoder's half of {@code conformance/screen-tiles.json} (the browser's screen-decode.js
 * runs the same file in Chromium): every valid case decodes to its picture, every malformed one is
 * refused at the message it names and not before.
 */
class ScreenTilesConformanceTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> cases() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(ScreenTilesVectorGenerator.FILE, StandardCharsets.UTF_8));
        List<JsonNode> list = new ArrayList<>();
        root.get("cases").forEach(list::add);
        return list.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void decoderAgreesWithTheCase(JsonNode c) throws Exception {
        List<byte[]> messages = new ArrayList<>();
        c.get("messages").forEach(m -> messages.add(HEX.parseHex(m.asText())));
        try (TileDecoder decoder = new TileDecoder()) {
            int end = c.has("malformedAt") ? c.get("malformedAt").asInt() : messages.size();
            for (int i = 0; i < end; i++) {
                decoder.apply(messages.get(i));
            }
            if (c.has("malformedAt")) {
                assertThatThrownBy(() -> decoder.apply(messages.get(end))).as(c.get("name").asText())
                        .isInstanceOf(MalformedTilesException.class);
            } else {
                Frame frame = decoder.snapshot().orElseThrow();
                assertThat(frame.width()).isEqualTo(c.get("width").asInt());
                assertThat(frame.height()).isEqualTo(c.get("height").asInt());
                assertThat(HEX.formatHex(ScreenTilesVectorGenerator.sha256(ScreenTilesVectorGenerator.rgb(frame))))
                        .isEqualTo(c.get("rgbSha256").asText());
            }
        }
    }

    @Test
    void theFileIsWhatTheGeneratorWritesWithTodaysEncoder() throws Exception {
        assertThat(Files.readString(ScreenTilesVectorGenerator.FILE, StandardCharsets.UTF_8))
                .as("regenerate with ScreenTilesVectorGenerator.main").isEqualTo(ScreenTilesVectorGenerator.generate());
    }
}
