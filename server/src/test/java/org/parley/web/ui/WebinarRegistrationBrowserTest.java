package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.Mails;
import org.parley.TestServer;

/** A webinar from publication to the organizer's registrant list: public registration, mail, CSV, self-removal. */
class WebinarRegistrationBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final String SUBJECT = "Encryption for everyone";
    private static final String QUESTION = "Which company are you with?";
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void twoPeopleRegisterPubliclyTheOrganizerDownloadsThemAndOneRemovesTheirRegistration() throws IOException {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/schedule.html");
            olga.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Webinar")).check();
            olga.getByLabel("Subject").fill(SUBJECT);
            olga.getByLabel("Date").fill(LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(10).toString());
            olga.getByLabel("Start time").fill("16:00");
            olga.getByLabel("Minutes").fill("90");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a question")).click();
            olga.getByLabel("Question 1").fill(QUESTION);
            olga.getByLabel("Seats").fill("50");
            shot(olga, "schedule-webinar");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule webinar")).click();
            olga.waitForURL(Pattern.compile(".*/meeting\\.html\\?id=.*"));
            assertThat(olga.locator("#registrants-empty")).isVisible();
            String eventPage = onTestOrigin(server, olga.getByLabel("Registration page link").inputValue());

            register(eventPage, "Ada", "Lovelace", "ada@example.com", "Analytical Engines Ltd");
            register(eventPage, "Alan", "Turing", "alan@example.com", "Bletchley, \"Hut 8\"");
            var adaMail = server.awaitMail("ada@example.com", "Registered: " + SUBJECT);
            var alanMail = server.awaitMail("alan@example.com", "Registered: " + SUBJECT);
            for (var mail : List.of(adaMail, alanMail)) {
                assertThat(TestServer.link(mail, "/meeting.html")).contains("registration=");
                assertThat(Mails.text(mail)).contains("/registration.html?token=");
            }

            olga.reload();
            Locator rows = olga.locator("#registrants-rows tr");
            assertThat(rows).hasCount(2);
            assertThat(rows.nth(0)).containsText("Ada Lovelace");
            assertThat(rows.nth(0)).containsText("Analytical Engines Ltd");
            assertThat(rows.nth(1)).containsText("Alan Turing");
            assertThat(olga.locator("#registrants-summary")).containsText("2 registrations");
            shot(olga, "meeting-webinar-organizer");
            var download = olga.waitForDownload(() -> olga.locator("#registrants-section")
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download CSV")).click());
            assertThat(download.suggestedFilename()).endsWith(".csv");
            List<String> lines = Files.readAllLines(download.path(), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("First name").contains(QUESTION);
            assertThat(lines.get(1)).contains("Ada", "Lovelace", "ada@example.com", "Analytical Engines Ltd");
            assertThat(lines.get(2)).contains("Alan", "Turing", "alan@example.com", "\"Bletchley, \"\"Hut 8\"\"\"");

            Page ada = browsers.newPage();
            ada.navigate(onTestOrigin(server, TestServer.link(adaMail, "/registration.html")));
            assertThat(ada).not().hasURL(Pattern.compile("token="));
            shot(ada, "registration");
            ada.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove my registration")).click();
            assertThat(ada.locator("#removed-text")).containsText("removed");
            shot(ada, "registration-removed");

            olga.reload();
            assertThat(rows).hasCount(1);
            assertThat(rows.first()).containsText("Alan Turing");
            assertThat(olga.locator("#registrants-summary")).containsText("1 registration");
        }
    }

    @Test
    void aNameOfTwoHundredLettersWithoutSpacesWrapsAndKeepsEveryColumnOfTheRegistrantTableInView() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            String id = webinar(organizer, 50);
            var registered = server.client().post("/api/v1/meetings/" + id + "/registrations", Map.of(
                    "firstName", "A".repeat(100), "lastName", "B".repeat(100), "email", "c".repeat(64) + "@example.com",
                    "answers", Map.of(QUESTION, "D".repeat(500))));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/meeting.html?id=" + id);
            assertThat(olga.locator("#registrants-rows tr")).hasCount(1);
            shot(olga, "registrants-long-name");

            double wrapWidth = number(olga, "document.querySelector('#registrants-section .table-wrap').clientWidth");
            assertThat(number(olga, "document.querySelector('#registrants-table').scrollWidth"))
                    .as("the table fits its box, no sideways scrolling").isLessThanOrEqualTo(wrapWidth);
            assertThat(number(olga, "document.documentElement.scrollWidth")).as("nor does the page").isLessThanOrEqualTo(1100);
            var box = olga.locator("#registrants-section .table-wrap").boundingBox();
            var decline = olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Decline "))).boundingBox();
            assertThat(decline.x + decline.width).as("the last column's button, inside the table's box").isLessThanOrEqualTo(box.x + box.width);
        }
    }

    @Test
    void theSeatsLeftCountDownRightAfterRegistering() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            String id = webinar(organizer, 3);
            Page page = browsers.newPage();
            page.navigate(server.baseUrl() + "/event.html?id=" + id);
            assertThat(page.locator("#seats")).hasText("3 seats left");
            // someone else takes a seat while this visitor fills in the form
            assertThat(server.client().post("/api/v1/meetings/" + id + "/registrations", Map.of("firstName", "Early",
                    "lastName", "Bird", "email", "early@example.com", "answers", Map.of())).status()).isEqualTo(201);

            page.getByLabel("First name").fill("Ada");
            page.getByLabel("Last name").fill("Lovelace");
            page.getByLabel("Email address").fill("ada@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();

            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are registered"))).isVisible();
            assertThat(page.locator("#seats")).hasText("1 seat left");
        }
    }

    /** A webinar with one question and {@code seats} seats, scheduled through the API. */
    private static String webinar(ApiClient organizer, int seats) {
        var created = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", SUBJECT,
                "startsAt", Instant.now().plus(Duration.ofDays(3)).toString(), "durationMinutes", 60,
                "registration", Map.of("fields", List.of(QUESTION), "capacity", seats)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static double number(Page page, String expression) {
        return ((Number) page.evaluate(expression)).doubleValue();
    }

    /** Someone without an account registers on the public event page, in a browser of their own. */
    private void register(String eventPage, String first, String last, String email, String company) {
        Page page = browsers.newPage();
        page.navigate(eventPage);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(SUBJECT))).isVisible();
        assertThat(page.locator("#organizer")).hasText("Olga Organizer");
        page.getByLabel("First name").fill(first);
        page.getByLabel("Last name").fill(last);
        page.getByLabel("Email address").fill(email);
        page.getByLabel(QUESTION).fill(company);
        shot(page, "event");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are registered"))).isVisible();
        assertThat(page.locator("#registered-text")).containsText("personal join link");
        shot(page, "event-registered");
    }
}
