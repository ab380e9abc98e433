package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/** A training with two sessions and handouts: the organizer uploads and changes it, a registrant downloads. */
class MeetingTrainingMaterialsBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void organizerSchedulesATrainingWithHandoutsAndARegistrantDownloadsThem() throws IOException {
        byte[] slides = new byte[300 * 1024];
        Arrays.fill(slides, (byte) 'x');
        byte[] exercises = "1. Generate a key pair.\n2. Encrypt a message.\n".getBytes(StandardCharsets.UTF_8);
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            LocalDate first = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(14);
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
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

            Page grace = browsers.newPage();
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
    }
}
