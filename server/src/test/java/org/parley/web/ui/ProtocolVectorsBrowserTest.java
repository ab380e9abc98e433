package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.TestServer;

/**
 * The browser's session protocol ({@code /js/protocol/}, WebCrypto only) in headless Chromium,
 * loaded from the real server as the meeting page loads it: the RFC 9605 and RFC 9180 vectors,
 * the Parley vectors the Java implementation produces, and the refusals a hostile relay provokes.
 * The checks themselves live in {@code protocol-checks.js} next to this class and run in the page.
 */
class ProtocolVectorsBrowserTest {
    private static final Path VECTORS = Path.of("../protocol/src/test/resources/testvectors");
    private static final Path SFRAME_VECTORS = VECTORS.resolve("rfc9605-sframe.json");
    private static final Path PARLEY_VECTORS = VECTORS.resolve("parley-v1.json");
    // RFC 9180 A.1.1; the file under protocol/ holds draft-05 vectors (see the resource's "source")
    /** RFC 9180 A.1.1, the same file the Java implementation passes (an array of one vector). */
    private static final Path HPKE_VECTORS = VECTORS.resolve("rfc9180-hpke-x25519-sha256.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final Browsers browsers = new Browsers(Browser.NewContextOptions::new, 30_000);
    private static TestServer server;
    private static String checks;
    private Page page;

    /** Runs after the extension's: a class skipped for want of Chromium starts no server. */
    @BeforeAll
    static void startServer() {
        checks = resource("protocol-checks.js");
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openSecureContext() {
        page = browsers.newPage();
        // a page from http://127.0.0.1 is a secure context, so WebCrypto's X25519 is there
        page.navigate(server.baseUrl() + "/");
        assertThat(page.evaluate("() => window.isSecureContext && !!crypto.subtle")).isEqualTo(true);
    }

    @Test
    void sframeHeadersEncodeAndDecodeAsRfc9605Says() {
        String vectors = read(SFRAME_VECTORS);
        assertAllPass("sframeHeader", tree(vectors).get("header").size(), vectors);
    }

    @ParameterizedTest(name = "suite 0x000{0}")
    @ValueSource(ints = {4, 5})
    void sframeFramesSealAndOpenAsRfc9605Says(int suite) {
        String vectors = read(SFRAME_VECTORS);
        long count = 0;
        for (JsonNode v : tree(vectors).get("sframe")) {
            count += v.get("cipher_suite").asInt() == suite ? 1 : 0;
        }
        assertThat(count).as("RFC 9605 vectors for suite %d", suite).isPositive();
        assertAllPass("sframeFrames", count, vectors, suite);
    }

    @Test
    void hpkeBaseModeMatchesRfc9180AppendixA11() {
        assertAllPass("hpke", 1, firstOf(read(HPKE_VECTORS)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ratchet", "senderKeys", "frames", "keyDelivery", "admission", "verification"})
    void parleyVectorsFromTheJavaImplementationPass(String family) {
        if (!Files.exists(PARLEY_VECTORS)) {
            System.out.println("Parley vectors skipped: " + PARLEY_VECTORS.toAbsolutePath().normalize() + " does not exist yet");
        }
        assumeTrue(Files.exists(PARLEY_VECTORS), PARLEY_VECTORS + " has not been produced by the Java implementation yet");
        String vectors = read(PARLEY_VECTORS);
        JsonNode entries = tree(vectors).path(family);
        assertThat(entries.size()).as("Parley vectors for %s", family).isPositive();
        assertAllPass(family, entries.size(), vectors);
    }

    @Test
    void participantsExchangeKeysAndFramesAcrossJoinsAndLeaves() {
        assertAllPass("roundTrip", 1);
    }

    @Test
    void everyChangedByteIsRefusedAndTheFrameStillOpensAfterwards() {
        assertAllPass("tamper", 1);
    }

    @Test
    void replayWindowAcceptsEachCounterOnceAndRefusesOlderThan128() {
        assertAllPass("replayWindow", 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 20_261_101, 987_654_321})
    void openOnlyEverRefusesWithTheTypedErrorUnderFuzzing(int seed) {
        assertAllPass("fuzz", 1500, seed, 1500);
    }

    /** Runs one named check of protocol-checks.js in the page and asserts it checked {@code count} vectors, all passing. */
    private void assertAllPass(String check, long count, Object... arguments) {
        String function = "async ([name, args]) => { const checks = (" + checks + ")(new URL('/js/protocol/', location.href).href);"
                + " return await checks[name](...args); }";
        @SuppressWarnings("unchecked")
        var outcome = (Map<String, Object>) page.evaluate(function, List.of(check, Arrays.asList(arguments)));
        @SuppressWarnings("unchecked")
        var failures = (List<String>) outcome.get("failures");
        assertThat(failures).as("%s: failures (vector, expected vs actual)", check).isEmpty();
        assertThat(((Number) outcome.get("checked")).longValue()).as("%s: vectors checked", check).isEqualTo(count);
        assertThat(browsers.problems()).as("console errors during %s", check).isEmpty();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }

    private static String firstOf(String jsonArray) {
        try {
            return JSON.writeValueAsString(JSON.readTree(jsonArray).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ProtocolVectorsBrowserTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
