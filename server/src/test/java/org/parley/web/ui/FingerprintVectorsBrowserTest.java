package org.parley.web.ui;

import org.junit.jupiter.api.Test;

/**
 * The browser's key fingerprint ({@code /js/protocol/fingerprint.js}) in headless Chromium against
 * {@code parley-fingerprint-v1.json}, the vectors Java's {@code KeyFingerprint} passes too: what the
 * console shows as "Your key" is what the customer's agent and a presenter's --allow-control compare.
 */
class FingerprintVectorsBrowserTest extends InPageChecks {

    @Override
    String checksResource() {
        return "fingerprint-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/protocol/";
    }

    @Test
    void fingerprintsOfTheSharedVectorsMatchTheJavaImplementations() {
        assertAllPass("fingerprint", 5, read(VECTORS.resolve("parley-fingerprint-v1.json")));
    }
}
