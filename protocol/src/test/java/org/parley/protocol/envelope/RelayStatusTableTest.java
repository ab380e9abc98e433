package org.parley.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code conformance/status.json} is {@link RelayStatus} written out, so the browser client's
 * {@code js/protocol/status.js}, checked against the same file in Chromium, cannot drift from it.
 * After changing the enum, run {@link #main} (from the protocol module's folder) to rewrite the file.
 */
class RelayStatusTableTest {
    static final Path FILE = Path.of("src/test/resources/conformance/status.json");

    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, table(), StandardCharsets.UTF_8);
    }

    /** One entry a line, in the enum's order: {@code {"name", "closeCode", "error"}}. */
    static String table() {
        return Arrays.stream(RelayStatus.values())
                .map(s -> "  {\"name\": \"" + s.name() + "\", \"closeCode\": " + s.closeCode() + ", \"error\": \"" + s.error() + "\"}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    @Test
    void theConformanceFileListsExactlyTheEnumsCodes() throws IOException {
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).isEqualTo(table());
    }

    @Test
    void errorCodesAreUniqueAndCloseCodesAreStandardOrOurs() {
        assertThat(Arrays.stream(RelayStatus.values()).map(RelayStatus::error)).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z_]+"));
        assertThat(RelayStatus.values()).allSatisfy(s -> assertThat(s.closeCode()).satisfiesAnyOf(
                code -> assertThat(code).isBetween(1000, 1014), code -> assertThat(code).isBetween(4000, 4999)));
        assertThat(RelayStatus.values()).allSatisfy(s -> assertThat(s.meaning()).isNotBlank());
    }
}
