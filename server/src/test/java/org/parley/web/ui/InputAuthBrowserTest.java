package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The browser's input authentication ({@code /js/protocol/input-auth.js}, WebCrypto only) in
 * headless Chromium, loaded from the real server as a page loads it, against the input keys and
 * 0x11 bodies the Java implementation made ({@code parley-input-v1.json}, README §9.1). The checks
 * live in {@code input-checks.js} next to this class and run in the page.
 */
class InputAuthBrowserTest extends InPageChecks {
    @Override
    String checksResource() {
        return "input-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/";
    }

    @Test
    void theBrowserDerivesTheJavaInputKeysAndTagsItsEventsByteForByte() throws IOException {
        String vectors = read(VECTORS.resolve("parley-input-v1.json"));
        int cases = JSON.readTree(vectors).get("input").size();

        assertThat(cases).isPositive();
        assertAllPass("inputVectors", cases, vectors);
    }

    @Test
    void theBrowserNumbersEventsInTheOrderTheyAreSentEvenWhileItsKeyIsStillBeingDerived() {
        assertAllPass("sendInputOrder", 1, read(VECTORS.resolve("parley-input-v1.json")));
    }
}
