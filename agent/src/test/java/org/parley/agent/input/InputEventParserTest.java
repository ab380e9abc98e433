package org.parley.agent.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputEventParserTest {
    private final InputEventParser parser = new InputEventParser(1920, 1080);

    @Test
    void readsEveryEventOfSection9() throws Exception {
        assertThat(parse("{\"t\":\"move\",\"x\":0,\"y\":1079}")).isEqualTo(new InputEvent.Move(0, 1079));
        assertThat(parse("{\"t\":\"down\",\"button\":2,\"x\":1919,\"y\":5}")).isEqualTo(new InputEvent.Button(2, true, 1919, 5));
        assertThat(parse("{\"t\":\"up\",\"button\":0,\"x\":1,\"y\":2}")).isEqualTo(new InputEvent.Button(0, false, 1, 2));
        assertThat(parse("{\"t\":\"wheel\",\"dx\":-1,\"dy\":3}")).isEqualTo(new InputEvent.Wheel(-1, 3));
        assertThat(parse("{\"t\":\"key\",\"code\":\"KeyA\",\"down\":true}")).isEqualTo(new InputEvent.Key("KeyA", KeyEvent.VK_A, true));
        assertThat(parse("{\"t\":\"key\",\"code\":\"Digit7\",\"down\":false}")).isEqualTo(new InputEvent.Key("Digit7", KeyEvent.VK_7, false));
        assertThat(parse("{\"t\":\"text\",\"text\":\"ü€ 😀\\n\"}")).isEqualTo(new InputEvent.Text("ü€ 😀\n"));
        assertThat(parse("{\"t\":\"clipboard\",\"text\":\"\"}")).isEqualTo(new InputEvent.Clipboard(""));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        assertThat(parse("{\"t\":\"move\",\"x\":3,\"y\":4,\"sentAt\":\"later\"}")).isEqualTo(new InputEvent.Move(3, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"t\":\"move\",\"x\":1920,\"y\":0}",
        "{\"t\":\"move\",\"x\":-1,\"y\":0}",
        "{\"t\":\"move\",\"x\":1.5,\"y\":0}",
        "{\"t\":\"move\",\"x\":\"1\",\"y\":0}",
        "{\"t\":\"move\",\"x\":99999999999,\"y\":0}",
        "{\"t\":\"move\",\"x\":1}",
        "{\"t\":\"down\",\"button\":3,\"x\":1,\"y\":1}",
        "{\"t\":\"wheel\",\"dx\":0,\"dy\":51}",
        "{\"t\":\"key\",\"code\":\"KeyAA\",\"down\":true}",
        "{\"t\":\"key\",\"code\":\"KeyA\"}",
        "{\"t\":\"text\",\"text\":\"\"}",
        "{\"t\":\"text\",\"text\":\"\\u001b[A\"}",
        "{\"t\":\"text\",\"text\":\"\\ud800x\"}",
        "{\"t\":\"text\",\"text\":[\"a\"]}",
        "{\"t\":\"hack\"}",
        "{\"t\":\"move\",\"t\":\"move\",\"x\":1,\"y\":1}",
        "{\"t\":\"move\",\"x\":1,\"y\":1} {}",
        "[1,2]",
        "{\"t\":\"move\",\"x\":1,\"y\":1",
        "",
    })
    void refusesInvalidEvents(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(RefusedInputException.class);
    }

    @Test
    void refusesTextOverAThousandCharactersWithoutQuotingIt() throws Exception {
        assertThat(parse("{\"t\":\"text\",\"text\":\"" + "a".repeat(1000) + "\"}")).isInstanceOf(InputEvent.Text.class);
        assertThatThrownBy(() -> parse("{\"t\":\"text\",\"text\":\"" + "secret".repeat(200) + "\"}"))
                .isInstanceOf(RefusedInputException.class)
                .hasMessage("text must be 1–1000 characters, got 1200");
    }

    @Test
    void seededFuzzOnlyEverRefusesWithTheCheckedException() {
        Random random = new Random(11);
        String[] seeds = {"{\"t\":\"move\",\"x\":10,\"y\":10}", "{\"t\":\"key\",\"code\":\"KeyA\",\"down\":true}",
            "{\"t\":\"text\",\"text\":\"Grüße €\"}"};
        for (int i = 0; i < 5000; i++) {
            byte[] body = seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8);
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            try {
                parser.parse(body);
            } catch (RefusedInputException expected) {
                // a refusal is the correct outcome for most mutations
            }
        }
    }

    private InputEvent parse(String json) throws RefusedInputException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
