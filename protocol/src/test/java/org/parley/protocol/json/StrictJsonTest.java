package org.parley.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a peer, a server or a damaged file can send, and what StrictJson makes of it. */
class StrictJsonTest {
    record Event(String t, int x) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Extensible(String t) {
    }

    @Test
    void aKeyTwiceIsRefusedHoweverItIsRead() {
        String twice = "{\"t\":\"move\",\"x\":1,\"t\":\"key\"}";
        assertThatThrownBy(() -> StrictJson.tree(twice)).isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("not valid JSON: ").hasMessageContaining("Duplicate field 't'");
        assertThatThrownBy(() -> StrictJson.read(twice, Event.class)).hasMessageContaining("Duplicate field 't'");
        assertThatThrownBy(() -> StrictJson.object(twice)).hasMessageContaining("Duplicate field 't'");
        assertThatThrownBy(() -> StrictJson.tree("{\"a\":{\"b\":1,\"b\":2}}")).as("nested too").hasMessageContaining("Duplicate field 'b'");
    }

    @Test
    void nestingDeeperThanSixteenIsRefusedBeforeATreeIsBuilt() {
        assertThat(StrictJson.tree(nested(StrictJson.MAX_DEPTH)).isArray()).isTrue();
        assertThatThrownBy(() -> StrictJson.tree(nested(StrictJson.MAX_DEPTH + 1)))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> StrictJson.object("{\"a\":" + nested(100_000) + "}")).hasMessageContaining("nesting depth");
    }

    @Test
    void numbersBeyondALongAndFractionsAreRefused() {
        assertThat(StrictJson.object("{\"n\":-9223372036854775808}")).containsEntry("n", Long.MIN_VALUE);
        assertThatThrownBy(() -> StrictJson.tree("{\"n\":" + "9".repeat(1000) + "}"))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("Number value length");
        assertThatThrownBy(() -> StrictJson.object("{\"n\":99999999999999999999}")).hasMessageContaining("out of range of long");
        assertThatThrownBy(() -> StrictJson.object("{\"n\":[1.5]}")).hasMessageContaining("only whole numbers");
        assertThatThrownBy(() -> StrictJson.read("{\"t\":\"move\",\"x\":3000000000}", Event.class)).hasMessageStartingWith("not valid JSON: x: ");
    }

    @Test
    void aRecordFieldOfTheWrongTypeIsNotCoerced() {
        assertThat(StrictJson.read("{\"t\":\"move\",\"x\":7}", Event.class)).isEqualTo(new Event("move", 7));
        var wrong = List.of("{\"t\":\"move\",\"x\":\"7\"}", "{\"t\":\"move\",\"x\":7.0}", "{\"t\":\"move\",\"x\":null}",
                "{\"t\":\"move\",\"x\":true}", "{\"t\":\"move\",\"x\":[7]}", "{\"t\":7,\"x\":7}", "{\"t\":{},\"x\":7}");
        assertThat(wrong.stream().filter(StrictJsonTest::readsAsEvent)).as("read although mistyped").isEmpty();
        assertThatThrownBy(() -> StrictJson.read("{\"t\":\"move\",\"x\":\"7\"}", Event.class)).as("says which field")
                .hasMessageStartingWith("not valid JSON: x: ");
        assertThatThrownBy(() -> StrictJson.read("null", Event.class)).hasMessageContaining("got null");
        assertThatThrownBy(() -> StrictJson.read("[\"move\",7]", Event.class)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void anUnknownFieldIsRefusedUnlessTheFormatSaysOtherwise() {
        String extra = "{\"t\":\"move\",\"x\":1,\"admin\":true}";
        assertThatThrownBy(() -> StrictJson.read(extra, Event.class)).hasMessageContaining("admin");
        assertThat(StrictJson.read(extra, Extensible.class)).isEqualTo(new Extensible("move"));
    }

    @Test
    void noInputNamesAClassToBuild() {
        String gadget = "{\"@class\":\"java.io.File\",\"path\":\"/etc/passwd\"}";
        assertThat(StrictJson.object(gadget)).isEqualTo(Map.of("@class", "java.io.File", "path", "/etc/passwd"));
        assertThat(StrictJson.object("{\"v\":[\"java.io.File\",\"/etc/passwd\"]}").get("v")).isInstanceOf(List.class);
    }

    @Test
    void trailingDataEmptyInputAndHugeStringsOrNamesAreRefused() {
        assertThatThrownBy(() -> StrictJson.tree("{} {}")).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> StrictJson.read("{\"t\":\"a\",\"x\":1} x", Event.class)).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> StrictJson.tree(new byte[0])).hasMessage("no JSON value");
        assertThatThrownBy(() -> StrictJson.object("[]")).hasMessage("expected a JSON object");
        assertThatThrownBy(() -> StrictJson.tree("\"" + "x".repeat(StrictJson.MAX_STRING_LENGTH + 1) + "\""))
                .hasMessageContaining("String value length");
        assertThatThrownBy(() -> StrictJson.tree("{\"" + "k".repeat(StrictJson.MAX_NAME_LENGTH + 1) + "\":1}"))
                .hasMessageContaining("Name length");
        assertThatThrownBy(() -> StrictJson.tree(" ".repeat(StrictJson.MAX_DOCUMENT_LENGTH) + "1"))
                .hasMessageContaining("Document length");
        assertThatThrownBy(() -> StrictJson.tree("{'t':1}")).as("no JSON5 leniency").isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> StrictJson.tree("{\"t\":NaN}")).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void whatItWritesItReadsBack() {
        byte[] written = StrictJson.write(StrictJson.newObject().put("t", "say \"hi\"\n").put("x", 3));
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"say \\\"hi\\\"\\n\",\"x\":3}");
        assertThat(StrictJson.read(written, Event.class)).isEqualTo(new Event("say \"hi\"\n", 3));
        assertThat(StrictJson.text(new Event("a", 1))).isEqualTo("{\"t\":\"a\",\"x\":1}");
        assertThat(StrictJson.pretty(new Event("a", 1))).isEqualTo("{\n  \"t\" : \"a\",\n  \"x\" : 1\n}");
    }

    private static boolean readsAsEvent(String json) {
        try {
            StrictJson.read(json, Event.class);
            return true;
        } catch (MalformedJsonException refused) {
            assertThat(refused).hasMessageStartingWith("not valid JSON: ");
            return false;
        }
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
