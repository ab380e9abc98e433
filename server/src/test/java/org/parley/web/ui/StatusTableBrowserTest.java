package org.parley.web.ui;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The browser's copy of the relay's status table ({@code /js/protocol/status.js}) in Chromium,
 * loaded from the real server as a page loads it, against {@code conformance/status.json}, which
 * the protocol's {@code RelayStatus} writes and its own test checks: both clients read the same
 * close and error codes. The check lives in {@code status-checks.js} next to this class.
 */
class StatusTableBrowserTest extends InPageChecks {
    private static final Path STATUS = Path.of("../protocol/src/test/resources/conformance/status.json");

    @Override
    String checksResource() {
        return "status-checks.js";
    }

    @Override
    String modulesPath() {
        return "/js/protocol/";
    }

    @Test
    void theBrowsersStatusTableIsTheProtocolsEntryForEntry() throws IOException {
        String table = read(STATUS);
        assertAllPass("statusTable", JSON.readTree(table).size(), table);
    }
}
