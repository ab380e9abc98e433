package org.parley.agent.sysinfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot the technician sees: this machine's facts, in the §9b shape, small whatever the machine. */
class SystemInformationTest {

    @Test
    void describesThisMachineInTheDocumentedShape() throws IOException {
        Map<String, Object> json = parse(SystemInformation.collect().json());

        assertThat(json).containsOnlyKeys("os", "cpu", "memory", "disks", "displays", "adapters");
        assertThat(object(json, "os")).containsEntry("name", System.getProperty("os.name"))
                .containsEntry("version", System.getProperty("os.version")).containsEntry("arch", System.getProperty("os.arch"));
        assertThat(object(json, "cpu")).containsEntry("logical", (long) Runtime.getRuntime().availableProcessors())
                .containsKey("model");
        Map<String, Object> memory = object(json, "memory");
        assertThat((Long) memory.get("total")).isPositive().isGreaterThanOrEqualTo((Long) memory.get("free"));
        List<Map<String, Object>> disks = list(json, "disks");
        assertThat(disks).as("the disk the tests run from is listed").isNotEmpty()
                .allSatisfy(disk -> assertThat(disk).containsOnlyKeys("mount", "type", "total", "free"))
                .noneMatch(disk -> List.of("proc", "sysfs", "tmpfs", "devtmpfs", "cgroup2").contains(disk.get("type")));
        // the tests run headless: no display, and asking for one does not fail
        assertThat(list(json, "displays")).isEmpty();
        assertThat(list(json, "adapters")).allSatisfy(adapter -> assertThat(adapter).containsOnlyKeys("name", "up", "addresses"));
    }

    @Test
    void staysSmallHoweverManyThingsTheMachineHas() throws IOException {
        String long500 = "x".repeat(500);
        var disk = new SystemInformation.Disk(SystemInformation.text(long500), "ext4", 1L << 40, 1L << 39);
        var display = new SystemInformation.Display(0, 0, 7680, 4320, 60);
        var adapter = new SystemInformation.Adapter(SystemInformation.text(long500), true,
                Collections.nCopies(SystemInformation.MAX_ADDRESSES, "fe80:0000:0000:0000:0000:0000:0000:0001"));
        var biggest = new SystemInformation(new SystemInformation.Os(SystemInformation.text(long500), "", ""),
                new SystemInformation.Cpu(SystemInformation.text(long500), 1024), new SystemInformation.Memory(1L << 50, 0),
                Collections.nCopies(SystemInformation.MAX_ITEMS, disk), Collections.nCopies(SystemInformation.MAX_ITEMS, display),
                Collections.nCopies(SystemInformation.MAX_ITEMS, adapter));

        byte[] json = biggest.json();

        assertThat(parse(json)).containsKey("adapters");
        assertThat(json.length).as("the largest snapshot there can be").isLessThan(32 * 1024);
        assertThat(SystemInformation.collect().json().length).isLessThan(32 * 1024);
    }

    @Test
    void namesFromTheSystemAreShortenedAndLoseControlCharacters() {
        assertThat(SystemInformation.text("eth0\n\u001b[31mred")).isEqualTo("eth0  [31mred");
        assertThat(SystemInformation.text("y".repeat(500))).hasSize(SystemInformation.MAX_TEXT);
        assertThat(SystemInformation.text(null)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String name) {
        return (List<Map<String, Object>>) json.get(name);
    }

    private static Map<String, Object> parse(byte[] json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(new String(json, StandardCharsets.UTF_8))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            return readObject(parser);
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, read(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                yield items;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            default -> throw new AssertionError("unexpected " + token);
        };
    }
}
