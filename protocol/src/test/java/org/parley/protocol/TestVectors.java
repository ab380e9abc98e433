package org.parley.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads, and for our own generators writes, the JSON test vectors under {@code src/test/resources/testvectors/}. */
public final class TestVectors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private TestVectors() {
    }

    /** The parsed file {@code testvectors/<name>}. */
    public static JsonNode load(String name) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/testvectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test vector file testvectors/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of a JSON array, for parameterized tests. */
    public static List<JsonNode> entries(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** A hex string field as bytes. */
    public static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }

    /** Lower-case hex of bytes. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** A generated vector file's text: {@code root} pretty-printed, ending in a newline (what the tests compare). */
    public static String pretty(JsonNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A generator's {@code main}: writes {@code text} to the file named in {@code args}, else to {@code file}. */
    public static void write(String[] args, Path file, String text) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : file;
        Files.writeString(target, text, StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
