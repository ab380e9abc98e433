package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/** A training with two sessions and handouts: the organizer uploads and changes it, a registrant downloads. */
class MeetingTrainingMaterialsBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static Playwright playwright;
    private static Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<Chromium.Problems> problems = new ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("MeetingTrainingMaterialsBrowserTest skipped: " + CHROMIUM + " is missing (apt-get install chromium)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (apt-get install chromium)");
        playwright = Playwright.create();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (playwright != null) {
            browser.close();
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void organizerSchedulesATrainingWithHandoutsAndARegistrantDownloadsThem() throws IOException {
        byte[] slides = new byte[300 * 1024];
        Arrays.fill(slides, (byte) 'x');
        byte[] exercises = "1. Generate a key pair.\n2. Encrypt a message.\n".getBytes(StandardCharsets.UTF_8);
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            LocalDate first = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(14);
            Page olga = signedIn(server, "olga@example.com");
            olga.navigate(server.baseUrl() + "/schedule.html");
            olga.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Training")).check();
            olga.getByLabel("Subject").fill("Applied cryptography");
            Locator sessionOne = olga.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Session 1"));
            sessionOne.getByLabel("Date").fill(first.toString());
            sessionOne.getByLabel("Start time").fill("09:00");
            sessionOne.getByLabel("Minutes").fill("120");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a session")).click();
            Locator second = olga.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Session 2"));
            second.getByLabel("Date").fill(first.plusDays(7).toString());
            assertThat(second.getByLabel("Start time")).hasValue("09:00");
            olga.getByLabel("Files for the attendees").setInputFiles(new FilePayload("slides.pdf", "application/pdf", slides));
            shot(olga, "schedule-training");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule training")).click();

            olga.waitForURL(Pattern.compile(".*/meeting\\.html\\?id=.*"));
            assertThat(olga.locator("#schedule li")).hasCount(2);
            assertThat(olga.locator("#schedule li").nth(1)).containsText("Session 2:");
            assertThat(olga.locator("#materials .files li")).hasCount(1);
            assertThat(olga.locator("#materials .files li")).containsText("slides.pdf");
            olga.getByLabel("Add files").setInputFiles(new FilePayload("exercises.txt", "text/plain", exercises));
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
            assertThat(olga.locator("#materials .files li")).hasCount(2);
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove slides.pdf")).click();
            assertThat(olga.locator("#materials .files li")).hasCount(1);
            assertThat(olga.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("removed"))).isVisible();
            shot(olga, "meeting-training-organizer");

            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change")).click();
            assertThat(olga.getByLabel("Subject")).hasValue("Applied cryptography");
            assertThat(olga.locator("#sessions > li")).hasCount(2);
            olga.getByLabel("Subject").fill("Applied cryptography, part one");
            shot(olga, "schedule-training-edit");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Applied cryptography, part one")))
                    .isVisible();
            String eventPage = onTestOrigin(server, olga.getByLabel("Registration page link").inputValue());

            Page grace = freshPage();
            grace.navigate(eventPage);
            grace.getByLabel("First name").fill("Grace");
            grace.getByLabel("Last name").fill("Hopper");
            grace.getByLabel("Email address").fill("grace@example.com");
            grace.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
            assertThat(grace.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are registered"))).isVisible();

            var mail = server.awaitMail("grace@example.com", "Registered: Applied cryptography, part one");
            grace.navigate(onTestOrigin(server, TestServer.link(mail, "/meeting.html")));
            assertThat(grace.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Applied cryptography, part one")))
                    .isVisible();
            assertThat(grace.locator("#role")).containsText("Grace Hopper");
            var download = grace.waitForDownload(() -> grace.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("exercises.txt")).click());
            assertThat(Files.readAllBytes(download.path())).isEqualTo(exercises);
            shot(grace, "meeting-training-registrant");
        }
        assertThat(problems).allSatisfy(p -> assertThat(p.seen()).isEmpty());
    }

    private Page freshPage() {
        var context = browser.newContext(new Browser.NewContextOptions().setAcceptDownloads(true).setLocale("en-GB")
                .setTimezoneId("Europe/Berlin").setViewportSize(1100, 900));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        Page page = context.newPage();
        problems.add(Chromium.Problems.watch(page));
        return page;
    }

    /** A fresh browser profile of a verified user, signed in through the sign-in page. */
    private Page signedIn(TestServer server, String email) {
        Page page = freshPage();
        page.navigate(server.baseUrl() + "/signin.html");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL("**/account.html");
        return page;
    }

    /** With -Dparley.screenshots=DIR, saves what the page looks like, for a person to review. */
    private static void shot(Page page, String name) {
        String dir = System.getProperty("parley.screenshots");
        if (dir != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(dir, name + ".png")).setFullPage(true));
        }
    }

    /** Mail links name the public URL (localhost); the test browses 127.0.0.1, a different origin for cookies. */
    private static String onTestOrigin(TestServer server, String link) {
        URI uri = URI.create(link);
        return server.baseUrl() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
