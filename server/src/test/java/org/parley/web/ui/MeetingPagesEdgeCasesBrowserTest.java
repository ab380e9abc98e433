package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/** What the meeting pages say when the usual case does not hold: no invitees left, nobody signed in (issue 14 item 8). */
class MeetingPagesEdgeCasesBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void theInviteesHeadingGoesWhenTheOnlyInviteeDeletesTheirAccount() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            var invitee = server.client();
            invitee.registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            var created = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Handover",
                    "startsAt", Instant.now().plus(Duration.ofDays(2)).toString(), "durationMinutes", 30,
                    "invitees", List.of("ivan@example.com")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/meeting.html?id=" + created.json().path("id").asText());
            var heading = olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invitees"));
            assertThat(heading).isVisible();
            assertThat(olga.locator("#invitees li")).hasText("ivan@example.com");

            assertThat(invitee.delete("/api/v1/me", Map.of("password", PASSWORD)).status()).isEqualTo(204);
            olga.reload();

            assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Handover"))).isVisible();
            assertThat(heading).isHidden();
            assertThat(olga.locator("#invitees li")).hasCount(0);
        }
    }

    @Test
    void aSignedOutVisitorToMyMeetingsIsAskedToSignInWithoutTalkOfAnInvitation() {
        try (var server = TestServer.start()) {
            Page visitor = browsers.newPage();
            visitor.navigate(server.baseUrl() + "/meetings.html");

            var alert = visitor.getByRole(AriaRole.ALERT);
            assertThat(alert).containsText("Please sign in to see your meetings.");
            assertThat(alert).not().containsText("invitation");
            assertThat(alert.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Sign in")))
                    .hasAttribute("href", "/signin.html?next=%2Fmeetings.html");
            assertThat(alert.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("create an account"))).hasAttribute("href", "/register.html");
            assertThat(visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schedule").setExact(true))).isHidden();
        }
    }
}
