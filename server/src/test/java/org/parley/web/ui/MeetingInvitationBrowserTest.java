package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/** An organizer invites two people from the schedule page; invitees see the meeting, a stranger does not. */
class MeetingInvitationBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void organizerInvitesTwoPeopleWhoSeeTheMeetingAStrangerSeesNotFoundAndTheOrganizerCancels() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Sam", "Stranger", "sam@example.com", PASSWORD);
            LocalDate day = LocalDate.now(BERLIN).plusDays(7);
            Instant startsAt = day.atTime(LocalTime.of(10, 0)).atZone(BERLIN).toInstant();

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/meetings.html");
            assertThat(olga.locator("#empty")).containsText("Nothing scheduled");
            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schedule").setExact(true)).click();
            assertThat(olga.getByLabel("Time zone")).hasValue("Europe/Berlin");
            olga.getByLabel("Subject").fill("Quarterly planning");
            olga.getByLabel("Description").fill("Budget, hiring, and the <b>roadmap</b>.");
            olga.getByLabel("Date").fill(day.toString());
            olga.getByLabel("Start time").fill("10:00");
            olga.getByLabel("Minutes").fill("45");
            olga.getByLabel("Email addresses").fill("ivan@example.com, nora@example.com");
            shot(olga, "schedule-meeting");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule meeting")).click();

            olga.waitForURL(Pattern.compile(".*/meeting\\.html\\?id=[0-9a-f-]{36}$"));
            String id = olga.url().replaceFirst(".*id=", "");
            assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Quarterly planning"))).isVisible();
            assertThat(olga.locator("#description")).hasText("Budget, hiring, and the <b>roadmap</b>.");
            assertThat(olga.locator("#schedule")).containsText("10:00");
            assertThat(olga.locator("#schedule")).containsText("(Europe/Berlin)");
            assertThat(olga.locator("#invitees li")).hasText(new String[] {"ivan@example.com", "nora@example.com"});
            assertThat(olga.getByLabel("Link to this meeting")).hasValue(Pattern.compile("/meeting\\.html\\?id=" + id + "$"));
            shot(olga, "meeting-organizer");
            olga.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Meetings")).click();
            assertThat(olga.locator("#meeting-list li")).hasCount(1);
            assertThat(olga.locator("#meeting-list li")).containsText("Quarterly planning");
            assertThat(olga.locator("#meeting-list li")).containsText("You organize");
            shot(olga, "meetings-list");

            String link = null;
            for (String address : List.of("ivan@example.com", "nora@example.com")) {
                MimeMessage mail = server.awaitMail(address, "Invitation: Quarterly planning");
                link = TestServer.link(mail, "/meeting.html");
                assertThat(link).endsWith("/meeting.html?id=" + id);
                VEvent event = firstEvent(calendarOf(mail));
                assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("Quarterly planning");
                assertThat(startOf(event)).isEqualTo(startsAt);
            }

            Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivan.navigate(onTestOrigin(server, link));
            assertThat(ivan.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Quarterly planning"))).isVisible();
            assertThat(ivan.locator("#organizer")).hasText("Olga Organizer");
            assertThat(ivan.locator("#role")).hasText("You are invited");
            assertThat(ivan.locator("#organizer-actions")).isHidden();
            assertThat(ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")))
                    .hasAttribute("href", java.util.regex.Pattern.compile("^/session\\.html\\?id=[0-9a-f-]{36}$"));
            var download = ivan.waitForDownload(() -> ivan.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Add to my calendar (.ics)")).click());
            assertThat(startOf(firstEvent(parse(read(download.path()))))).isEqualTo(startsAt);
            shot(ivan, "meeting-invitee");

            Page sam = browsers.signedIn(server, "sam@example.com", PASSWORD);
            sam.navigate(onTestOrigin(server, link));
            assertThat(sam.getByRole(AriaRole.ALERT)).containsText("Meeting not found");
            assertThat(sam.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Quarterly planning"))).hasCount(0);
            shot(sam, "meeting-stranger");

            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quarterly planning")).click();
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel…")).click();
            assertThat(olga.locator("#cancel-what")).containsText("Everyone invited gets a cancellation by mail");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, cancel it")).click();
            assertThat(olga.locator("#cancelled-note")).isVisible();
            assertThat(olga.locator("#organizer-actions")).isHidden();
            server.awaitMail("ivan@example.com", "Cancelled: Quarterly planning");
            ivan.reload();
            assertThat(ivan.locator("#cancelled-note")).isVisible();
        }
    }

    private static Calendar calendarOf(MimeMessage mail) {
        try {
            if (!(mail.getContent() instanceof Multipart parts)) {
                throw new AssertionError("the invitation has no attachment");
            }
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                if (part.getContentType().toLowerCase(Locale.ROOT).startsWith("text/calendar")) {
                    try (InputStream in = part.getInputStream()) {
                        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            throw new AssertionError("no text/calendar part in the invitation");
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new AssertionError("cannot read the invitation: " + e, e);
        }
    }

    private static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (java.io.IOException | net.fortuna.ical4j.data.ParserException e) {
            throw new AssertionError("not a valid iCalendar file: " + e + "\n" + ics, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static VEvent firstEvent(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").getFirst();
    }

    private static Instant startOf(VEvent event) {
        DtStart<?> start = (DtStart<?>) event.getProperty("DTSTART").orElseThrow();
        return Instant.from(start.getDate());
    }
}
