package org.parley.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.TestServer;

/**
 * Chromium for one browser-test class: launched once (the class is skipped, saying why, where
 * Debian's Chromium is missing), a fresh profile per person, and after each test every profile
 * closed and the test failed if one of its pages logged an error or a CSP violation.
 */
public final class Browsers implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private final Supplier<Browser.NewContextOptions> profile;
    private final double timeoutMillis;
    private final List<String> launchArgs;
    private final List<String> expectedConsoleErrors;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<Chromium.Problems> problems = new ArrayList<>();
    private Playwright playwright;
    private Browser browser;

    /** People in Berlin on a 1100×900 screen, waiting up to 10 s for what they expect to see. */
    public Browsers() {
        this(() -> inBerlin(1100, 900), 10_000);
    }

    /** People in Berlin on a {@code width}×{@code height} screen, waiting up to {@code timeoutMillis} for what they expect. */
    public Browsers(int width, int height, double timeoutMillis) {
        this(() -> inBerlin(width, height), timeoutMillis);
    }

    /** People in Berlin whose Chromium has a fake camera and a microphone that plays {@link ToneFile} ({@link MediaProbes}). */
    public static Browsers withFakeMedia(int width, int height, double timeoutMillis) {
        return new Browsers(() -> inBerlin(width, height), timeoutMillis, MediaProbes.fakeDevices());
    }

    Browsers(Supplier<Browser.NewContextOptions> profile, double timeoutMillis) {
        this(profile, timeoutMillis, List.of());
    }

    /** With Chromium started with {@code launchArgs} besides ours (e.g. fake screen capture). */
    Browsers(Supplier<Browser.NewContextOptions> profile, double timeoutMillis, List<String> launchArgs) {
        this(profile, timeoutMillis, launchArgs, List.of());
    }

    /**
     * Also not failing a test for console errors that start with one of {@code expectedConsoleErrors}:
     * noise the browser itself makes that the test documents.
     */
    public Browsers(Supplier<Browser.NewContextOptions> profile, double timeoutMillis, List<String> launchArgs,
             List<String> expectedConsoleErrors) {
        this.profile = profile;
        this.timeoutMillis = timeoutMillis;
        this.launchArgs = List.copyOf(launchArgs);
        this.expectedConsoleErrors = List.copyOf(expectedConsoleErrors);
    }

    /** Someone reading British English who may download files. */
    static Browser.NewContextOptions person() {
        return new Browser.NewContextOptions().setAcceptDownloads(true).setLocale("en-GB");
    }

    public static Browser.NewContextOptions inBerlin(int width, int height) {
        return person().setTimezoneId("Europe/Berlin").setViewportSize(width, height);
    }

    @Override
    public void beforeAll(ExtensionContext test) {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println(test.getRequiredTestClass().getSimpleName() + " skipped: " + CHROMIUM
                    + " is missing (apt-get install chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (apt-get install chromium)");
        playwright = Playwright.create();
        browser = Chromium.launch(playwright, launchArgs);
    }

    /** A page in a browser profile of its own, watched for console errors until the test ends. */
    public Page newPage() {
        BrowserContext context = browser.newContext(profile.get());
        context.setDefaultTimeout(timeoutMillis);
        contexts.add(context);
        Page page = context.newPage();
        problems.add(Chromium.Problems.watch(page, expectedConsoleErrors));
        return page;
    }

    /** A fresh browser profile of a verified user, signed in through the sign-in page. */
    Page signedIn(TestServer server, String email, String password) {
        return signedIn(server.baseUrl(), email, password);
    }

    /** The same, for a server reached at {@code baseUrl} (e.g. through a proxy). */
    public Page signedIn(String baseUrl, String email, String password) {
        Page page = newPage();
        page.navigate(baseUrl + "/signin.html");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL("**/account.html");
        return page;
    }

    /** What the pages of the running test have complained about so far. */
    List<String> problems() {
        return problems.stream().flatMap(p -> p.seen().stream()).toList();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        try {
            assertThat(problems()).as("console errors and CSP violations on the pages of %s", test.getDisplayName()).isEmpty();
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
            problems.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext test) {
        if (playwright != null) {
            browser.close();
            playwright.close();
        }
    }

    /** Links name the public URL (localhost); the test browses 127.0.0.1, a different origin for cookies. */
    public static String onTestOrigin(TestServer server, String link) {
        URI uri = URI.create(link);
        return server.baseUrl() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** With -Dparley.screenshots=DIR, saves what the page looks like, for a person to review. */
    public static void shot(Page page, String name) {
        String dir = System.getProperty("parley.screenshots");
        if (dir != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(dir, name + ".png")).setFullPage(true));
        }
    }
}
