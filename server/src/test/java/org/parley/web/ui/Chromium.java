package org.parley.web.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Debian's headless Chromium for browser tests (never a downloaded one), and a watch on what a
 * page complains about: uncaught script errors and console errors, which include every
 * Content-Security-Policy violation.
 */
final class Chromium {
    private Chromium() {
    }

    static Browser launch(Playwright playwright) {
        return launch(playwright, List.of());
    }

    /** With {@code extraArgs} after ours, e.g. the fake capture devices a screen-sharing test needs. */
    static Browser launch(Playwright playwright, List<String> extraArgs) {
        var args = new ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"));
        args.addAll(extraArgs);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(args));
    }

    /** Console errors and script errors of one page; an API refusal the page shows to its user is expected, not a problem. */
    static final class Problems {
        // Chromium logs every 4xx answer to fetch as "Failed to load resource"; the page turns those into messages on screen
        private static final String REFUSAL = "Failed to load resource: the server responded with a status of 4";
        private final List<String> seen = new CopyOnWriteArrayList<>();

        static Problems watch(Page page) {
            return watch(page, List.of());
        }

        /** Also not counting console errors that start with one of {@code expected} (a browser's own noise a test knows of). */
        static Problems watch(Page page, List<String> expected) {
            var problems = new Problems();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && !message.text().startsWith(REFUSAL)
                        && expected.stream().noneMatch(message.text()::startsWith)) {
                    problems.seen.add(message.location() + ": " + message.text());
                }
            });
            page.onPageError(error -> problems.seen.add("uncaught: " + error));
            return problems;
        }

        List<String> seen() {
            return List.copyOf(seen);
        }
    }
}
