package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/**
 * Checks that run inside headless Chromium on a page of the real server (a secure context, so
 * WebCrypto is there), against the ES modules as the pages load them. A subclass names its checks
 * script (a test resource next to it: a function from the modules' base URL to named async checks,
 * each answering {@code {checked, failures}}) and calls {@link #assertAllPass}.
 */
abstract class InPageChecks {
    static final Path VECTORS = Path.of("../protocol/src/test/resources/testvectors");
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final Browsers browsers = new Browsers(Browser.NewContextOptions::new, 30_000);
    private static TestServer server;
    private Page page;
    private String checks;

    /** The checks script, a test resource in this package. */
    abstract String checksResource();

    /** Where the modules the checks import live, e.g. {@code /js/protocol/}. */
    abstract String modulesPath();

    /** Runs after the extension's: a class skipped for want of Chromium starts no server. */
    @BeforeAll
    static void startServer() {
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
        checks = resource(checksResource());
        page = browsers.newPage();
        // a page from http://127.0.0.1 is a secure context, so WebCrypto is there
        page.navigate(server.baseUrl() + "/");
        assertThat(page.evaluate("() => window.isSecureContext && !!crypto.subtle")).isEqualTo(true);
    }

    /**
     * Runs check {@code check} with {@code arguments}: no failures, and exactly {@code count} cases checked.
     * Returns what the check answered (a check may add figures it measured).
     */
    final Map<String, Object> assertAllPass(String check, long count, Object... arguments) {
        String function = "async ([name, args]) => { const checks = (" + checks + ")(new URL('" + modulesPath()
                + "', location.href).href); return await checks[name](...args); }";
        @SuppressWarnings("unchecked")
        var outcome = (Map<String, Object>) page.evaluate(function, List.of(check, Arrays.asList(arguments)));
        @SuppressWarnings("unchecked")
        var failures = (List<String>) outcome.get("failures");
        assertThat(failures).as("%s: failures (case, expected vs actual)", check).isEmpty();
        assertThat(((Number) outcome.get("checked")).longValue()).as("%s: cases checked", check).isEqualTo(count);
        assertThat(browsers.problems()).as("console errors during %s", check).isEmpty();
        return outcome;
    }

    /** The page the checks run in. */
    final Page page() {
        return page;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }

    private String resource(String name) {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
