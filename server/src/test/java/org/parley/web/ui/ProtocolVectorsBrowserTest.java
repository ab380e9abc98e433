package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser's session protocol ({@code /js/protocol/}, WebCrypto only) in headless Chromium,
 * loaded from the real server as the meeting page loads it: the RFC 9605 and RFC 9180 vectors,
 * the Parley vectors the Java implementation produces, and the refusals a hostile relay provokes.
 * The checks themselves live in {@code protocol-checks.js} next to this class and run in the page.
 */
class ProtocolVectorsBrowserTest extends InPageChecks {
    private static final Path SFRAME_VECTORS = VECTORS.resolve("rfc9605-sframe.json");
    private static final Path PARLEY_VECTORS = VECTORS.resolve("parley-v1.json");
    // RFC 9180 A.1.1; the file under protocol/ holds draft-05 vectors (see the resource's "source")
    /** RFC 9180 A.1.1, the same file the Java implementation passes (an array of one vector). */
    private static final Path HPKE_VECTORS = VECTORS.resolve("rfc9180-hpke-x25519-sha256.json");
    /** RFC 9180 A.1.3, auth mode: KEY payloads are sealed in it. */
    private static final Path HPKE_AUTH_VECTORS = VECTORS.resolve("rfc9180-hpke-x25519-sha256-auth.json");

    @Override
    String checksResource() {
        return "protocol-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/protocol/";
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

    @Test
    void hpkeAuthModeMatchesRfc9180AppendixA13() {
        assertAllPass("hpkeAuth", 1, firstOf(read(HPKE_AUTH_VECTORS)));
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

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstOf(String jsonArray) {
        try {
            return JSON.writeValueAsString(JSON.readTree(jsonArray).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
