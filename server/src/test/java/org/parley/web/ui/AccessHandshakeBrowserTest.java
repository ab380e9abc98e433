package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The browser's side of the access handshake ({@code /js/protocol/srp.js}, BigInt and WebCrypto)
 * in headless Chromium, loaded from the real server as a page loads it: RFC 5054 Appendix B, the
 * handshakes the Java agent made ({@code parley-access-v1.json}) and its epoch confirms, refusals of
 * what a hostile agent or relay sends, the HANDSHAKE envelope, and the session's handshake events. The checks live in
 * {@code srp-checks.js} next to this class and run in the page.
 */
class AccessHandshakeBrowserTest extends InPageChecks {
    @Override
    String checksResource() {
        return "srp-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/";
    }

    @Test
    void theCallersArithmeticGivesRfc5054AppendixB() {
        assertAllPass("rfc5054", 1, read("rfc5054-srp.json"));
    }

    @Test
    void theBrowserCallerCompletesTheJavaAgentsHandshakesByteForByte() throws IOException {
        String vectors = read("parley-access-v1.json");
        int handshakes = JSON.readTree(vectors).get("handshakes").size();

        assertThat(handshakes).isPositive();
        assertAllPass("accessVectors", handshakes, vectors);
    }

    @Test
    void theBrowserCallerChecksTheJavaAgentsEpochConfirmsByteForByteAndTrustsNothingElse() throws IOException {
        String vectors = read("parley-access-v1.json");
        int handshakes = JSON.readTree(vectors).get("handshakes").size();

        assertAllPass("epochConfirm", handshakes + 1, vectors);
    }

    @Test
    void malformedOrRefusingAnswersGiveTheCallersTwoErrorsOnly() {
        assertAllPass("refusals", 16);
    }

    @Test
    void aHandshakeEnvelopeNamesOneRecipientAndCarriesAtMost4KiB() {
        assertAllPass("handshakeEnvelope", 1);
    }

    @Test
    void theSessionPassesHandshakesFromPresentParticipantsBeforeAnyKey() {
        assertAllPass("sessionHandshake", 1);
    }

    /** Runs one named check of srp-checks.js in the page and asserts it checked {@code count} cases, all passing. */

    private static String read(String vectorFile) {
        return read(VECTORS.resolve(vectorFile));
    }
}
