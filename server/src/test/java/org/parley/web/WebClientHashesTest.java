package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/**
 * The published hashes of the web client (protocol README §11, "The served JavaScript"): a browser
 * runs whatever the server sends, so {@code server/web-client.sha256} lists, in {@code sha256sum}
 * format, every file the server serves to browsers as this source tree has it. Anyone can compare
 * what a server serves with the list of a release they trust (README: "Check a server's web
 * client"). The list must be exactly this tree's, and the server must serve exactly those bytes.
 */
class WebClientHashesTest {
    private static final Path PUBLIC = Path.of("src/main/resources/public");
    private static final Path LIST = Path.of("web-client.sha256");

    @Test
    void theListNamesEveryFileOfTheWebClientWithItsHash() throws IOException {
        String fresh = list();
        String published = Files.exists(LIST) ? Files.readString(LIST, StandardCharsets.UTF_8) : "";

        assertThat(published).as("server/web-client.sha256 is out of date: the web client changed. Write this to it "
                + "(or run: cd server/src/main/resources/public && find . -type f | sed 's|^\\./||' | LC_ALL=C sort "
                + "| xargs sha256sum > ../../../../web-client.sha256):%n%s", fresh).isEqualTo(fresh);
    }

    @Test
    void theServerServesExactlyTheListedBytes() throws Exception {
        List<String[]> entries = entries(LIST);
        assertThat(entries).as("the list names the pages and the session code").extracting(e -> e[1])
                .contains("session.html", "js/session/session.js", "js/protocol/hpke.js");
        assertServed(entries);
    }

    @Test
    void theVendoredFilesAreServedExactlyAsPinned() throws Exception {
        List<String[]> entries = entries(Path.of("web-vendor.sha256"));
        assertThat(entries).extracting(e -> e[1]).contains("vendor/uplot/1.6.30/uPlot.esm.js");
        assertServed(entries);
    }

    /** The lines of a {@code sha256sum} list as {hash, path}. */
    private static List<String[]> entries(Path list) throws IOException {
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream().map(line -> line.split("  ", 2)).toList();
    }

    /** A fresh server serves each path with exactly the listed hash. */
    private static void assertServed(List<String[]> entries) throws Exception {
        try (var server = TestServer.start(); var http = HttpClient.newHttpClient()) {
            for (String[] entry : entries) {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + entry[1])).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as("GET /%s", entry[1]).isEqualTo(200);
                assertThat(sha256(response.body())).as("what the server serves as /%s", entry[1]).isEqualTo(entry[0]);
            }
        }
    }

    /** What {@code sha256sum} prints for every file under the web root, by path in byte order. */
    static String list() throws IOException {
        try (Stream<Path> files = Files.walk(PUBLIC)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> PUBLIC.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .map(path -> sha256(read(PUBLIC.resolve(path))) + "  " + path)
                    .collect(Collectors.joining("\n", "", "\n"));
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
