package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/**
 * Issue 14: an invitee who follows the invitation mail has no #k= (the server sent the mail, so it
 * cannot carry the key that proves the invitation end to end). Both sides are told why the
 * invitee waits; an organizer may choose, per meeting, to let signed-in invitees in without a
 * click — and an account nobody invited still gets nowhere.
 */
class SignedInInviteeBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final String ON_THE_MAIL = "You came through the invitation mail, which cannot carry the meeting’s secret key, "
            + "so the host lets you in. The host has been told you are waiting.";
    private static final String NEXT_TO_ADMIT = "Signed in as an invitee, but came without the invitation link’s key. "
            + "Letting them in trusts Parley’s sign-in.";
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000);

    @Test
    void anOrganizerWhoTrustsTheSignInLetsAnInviteeFromTheMailInWithoutAClickButNotAStranger() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            var samApi = server.client();
            samApi.registerAndSignIn(server, "Sam", "Stranger", "sam@example.com", PASSWORD);

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/schedule.html");
            olga.getByLabel("Subject").fill("Open door");
            olga.getByLabel("Start now").check();
            olga.getByLabel("Email addresses").fill("ivan@example.com");
            var trust = olga.getByLabel("Let invitees who are signed in join without waiting");
            assertThat(trust).not().isChecked();
            assertThat(olga.locator("#admit-signed-in-hint")).containsText("This trusts Parley’s sign-in: whoever controls this "
                    + "server could let someone in as an invitee.");
            trust.check();
            shot(olga, "schedule-trust-sign-in");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule meeting")).click();
            olga.waitForURL(Pattern.compile(".*/meeting\\.html\\?id=[0-9a-f-]{36}$"));
            String id = olga.url().replaceFirst(".*id=", "");
            assertThat(olga.locator("#invitees-admission")).containsText("Invitees who are signed in join without waiting");
            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");

            String mailed = TestServer.link(server.awaitMail("ivan@example.com", "Invitation: Open door"), "/meeting.html");
            assertThat(mailed).doesNotContain("#");
            Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivan.navigate(onTestOrigin(server, mailed));
            ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            // nobody clicks anything on Olga's page
            assertThat(ivan.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            assertThat(ivan.locator("#waiting-why")).isHidden();
            assertThat(olga.locator("#people li")).hasCount(2);
            assertThat(olga.locator("#waiting-section")).isHidden();
            assertThat(ivan.locator("#code")).hasText(olga.locator("#code").textContent());
            shot(ivan, "session-invitee-let-in-on-sign-in");

            // an account nobody invited: the meeting does not exist for it, and the relay refuses it the same way
            Page sam = browsers.signedIn(server, "sam@example.com", PASSWORD);
            sam.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(sam.locator("#page-error")).containsText("not found");
            assertThat(sam.locator("#session")).isHidden();
            assertThat(org.parley.relay.RelayClient.refusal(server.baseUrl().replace("http://", "ws://") + "/api/v1/meetings/"
                    + id + "/relay", org.parley.relay.RelayClient.cookies(samApi))).isEqualTo(404);
            assertThat(olga.locator("#people li")).hasCount(2);
            assertThat(olga.locator("#waiting li")).hasCount(0);
        }
    }

    @Test
    void withoutTheChoiceAnInviteeFromTheMailWaitsAndBothSidesReadWhyUntilTheOrganizerChangesIt() {
        try (var server = TestServer.start()) {
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Closed door",
                    "invitees", List.of("ivan@example.com"))).json().path("id").asText();

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/meeting.html?id=" + id);
            assertThat(olga.locator("#invitees-admission")).containsText("wait until someone holding the key lets them in");
            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");

            Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivan.navigate(onTestOrigin(server, TestServer.link(server.awaitMail("ivan@example.com", "Invitation: Closed door"),
                    "/meeting.html")));
            ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(ivan.locator("#status")).hasText("Waiting for the person holding the key to let you in…");
            assertThat(ivan.locator("#waiting-why")).hasText(ON_THE_MAIL);
            assertThat(olga.locator("#waiting li")).hasCount(1);
            assertThat(olga.locator("#waiting li")).containsText(NEXT_TO_ADMIT);
            var admit = olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Ivan Invitee"));
            assertThat(admit).hasAccessibleDescription(NEXT_TO_ADMIT);
            shot(ivan, "session-invitee-waits-why");
            shot(olga, "session-organizer-reads-what-admit-trusts");

            // Olga changes her mind in another tab; Ivan's next connection is let in on his sign-in
            Page edit = olga.context().newPage();
            edit.navigate(server.baseUrl() + "/schedule.html?id=" + id);
            var trust = edit.getByLabel("Let invitees who are signed in join without waiting");
            assertThat(trust).not().isChecked();
            trust.check();
            edit.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            edit.waitForURL("**/meeting.html?id=" + id);
            assertThat(edit.locator("#invitees-admission")).containsText("This trusts Parley’s sign-in");
            edit.close();
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            assertThat(organizerApi.get("/api/v1/meetings/" + id).json().path("admitSignedInInvitees").asBoolean()).isTrue();

            ivan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
            ivan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join again")).click();
            assertThat(ivan.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            assertThat(olga.locator("#people li")).hasCount(2);
            assertThat(olga.locator("#waiting li")).hasCount(0);
        }
    }
}
