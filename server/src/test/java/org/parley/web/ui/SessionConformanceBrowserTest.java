package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browser client's half of the conformance suite: {@code js/session/session.js}, loaded from the
 * real server into headless Chromium as the meeting page loads it, plays every scripted session of
 * {@code protocol/src/test/resources/conformance/session-cases.json} over a scripted WebSocket. The
 * Java client plays the same file in {@code SessionConformanceTest}; a rule changed on one side
 * only fails one of the two. The runner is {@code conformance-checks.js} next to this class.
 */
class SessionConformanceBrowserTest extends InPageChecks {
    private static final Path CASES = Path.of("../protocol/src/test/resources/conformance/session-cases.json");
    private static final Path WIRE = Path.of("../protocol/src/test/resources/conformance/wire.json");

    @Override
    String checksResource() {
        return "conformance-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/";
    }

    @Test
    void everyScriptedSessionRunsAsWrittenInTheBrowser() {
        String cases = read(CASES);
        int count;
        try {
            count = JSON.readTree(cases).get("cases").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(count).as("scripted sessions").isGreaterThanOrEqualTo(9);
        assertAllPass("conformance", count, cases);
    }

    @Test
    void envelopesAndPlaintextsReadAndWriteAsInJava() {
        String wire = read(WIRE);
        int count;
        try {
            var tree = JSON.readTree(wire);
            count = tree.get("envelopes").size() + tree.get("malformedEnvelopes").size() + tree.get("content").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertAllPass("wire", count, wire);
    }
}
