package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The operator's page (issue 14), as an operator uses it in Chromium: from My account to the page;
 * an account found and disabled (its owner's open page is signed out) and enabled again; the live
 * meeting shown as who and how many, never its subject or chat; a password guesser's lockout in the
 * security log with address and browser; retention saved; a policy version published and shown on the
 * privacy page. A signed-in non-operator gets the page's refusal and none of it. No CSP violation, no
 * script error.
 */
class OperatorBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final String SUBJECT = "Merger talks, do not forward";
    private static final String CHAT = "numbers the operator must not see";
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void anOperatorRunsTheServerFromThePageAndANonOperatorSeesNothing() {
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_ADMIN_EMAILS", "ops@example.com"), Clock.systemUTC())) {
            ApiClient olga = server.client();
            olga.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            ApiClient ivan = server.client();
            ivan.registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Otto", "Operator", "ops@example.com", PASSWORD);
            ApiClient mallory = server.client().userAgent("Mallory-Guesser/2.0");
            for (int i = 0; i < 12; i++) {
                mallory.signIn("olga@example.com", "guess " + i);
            }
            String meeting = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", SUBJECT,
                    "invitees", List.of("ivan@example.com"))).json().path("id").asText();
            InvitationSecret k = InvitationSecret.random(new SecureRandom());

            // a non-operator: the refusal, and no section of the page
            Page ivanPage = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivanPage.navigate(server.baseUrl() + "/account.html");
            assertThat(ivanPage.locator("#profile")).isVisible();
            assertThat(ivanPage.locator("#operator-link")).isHidden();
            ivanPage.navigate(server.baseUrl() + "/operator.html");
            assertThat(ivanPage.locator("#page-error")).containsText("for the operators of this Parley server");
            assertThat(ivanPage.locator("#operator")).isHidden();

            Page ops = browsers.signedIn(server, "ops@example.com", PASSWORD);
            var problems = Chromium.Problems.watch(ops);
            try (SessionClient organizer = join(server, meeting, olga, k); SessionClient invitee = join(server, meeting, ivan, k)) {
                org.parley.Eventually.eventually(() -> invitee.membership().map(m -> m.members().size()).orElse(0), 2);
                organizer.sendChat(CHAT);
                ops.navigate(server.baseUrl() + "/account.html");
                ops.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the operator's page")).click();
                assertThat(ops.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Running this Parley server"))).isVisible();

                // live rooms: the meeting, whose, two in, both names; not the subject, not the chat
                var room = ops.locator("#rooms-table tbody tr");
                assertThat(room).hasCount(1);
                assertThat(room).containsText("Meeting");
                assertThat(room).containsText("olga@example.com");
                assertThat(room).containsText("2 / 0");
                assertThat(room).containsText("Olga Organizer (organizer");
                assertThat(room).containsText("Ivan Invitee");
                assertThat(ops.locator("main")).not().containsText(SUBJECT);
                assertThat(ops.locator("main")).not().containsText(CHAT);

                // accounts: find Ivan and disable him; his open page is signed out
                ops.getByLabel("Email address or name").fill("ivan");
                ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
                var rows = ops.locator("#account-table tbody tr");
                assertThat(rows).hasCount(1);
                assertThat(rows).containsText("Active");
                ops.onceDialog(dialog -> dialog.accept());
                ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable ivan@example.com")).click();
                assertThat(ops.locator("#account-status")).hasText("ivan@example.com is disabled.");
                assertThat(rows).containsText("Disabled since");
                ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refresh")).click();
                assertThat(room).containsText("1 / 0");
                assertThat(room).not().containsText("Ivan Invitee");
            }
            ivanPage.navigate(server.baseUrl() + "/account.html");
            assertThat(ivanPage.getByRole(AriaRole.STATUS)).hasText("You are not signed in.");
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable ivan@example.com")).click();
            assertThat(ops.locator("#account-status")).hasText("ivan@example.com is enabled again.");
            assertThat(server.client().signIn("ivan@example.com", PASSWORD).status()).isEqualTo(200);

            // the security log: the guesser's lockout with address and browser; filtered by event
            ops.getByLabel("Only events named").fill("rate_limited");
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            var entry = ops.locator("#log-table tbody tr").first();
            assertThat(entry).containsText("rate_limited");
            assertThat(entry).containsText("127.0.0.1");
            assertThat(entry).containsText("Mallory-Guesser/2.0");
            assertThat(entry).containsText("POST /api/v1/session");
            ops.getByLabel("Only events named").fill("account_disabled");
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            assertThat(ops.locator("#log-table tbody tr").first()).containsText("by operator ops@example.com");

            // retention: a bad value is explained, a good one saved
            assertThat(ops.getByLabel("Quality reports (days)")).hasValue("90");
            ops.getByLabel("Security log (days)").fill("0");
            ops.locator("#security-days").evaluate("input => input.removeAttribute('min')"); // the server's check, not the browser's
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save retention")).click();
            assertThat(ops.locator("#retention-form [role=alert]")).hasText("Security log (days) must be a whole number from 1 to 3650.");
            ops.getByLabel("Security log (days)").fill("30");
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save retention")).click();
            assertThat(ops.locator("#retention-saved")).hasText("Saved: quality reports 90 days, security log 30 days.");

            // a policy version: a material one too soon is refused with the reason, a minor one published now
            assertThat(ops.locator("#policy-current")).containsText("In force: version 3");
            assertThat(ops.getByLabel("Policy text")).hasValue(java.util.regex.Pattern.compile("^Parley privacy policy, version 3"));
            ops.getByLabel("Takes effect (your local time)").fill(local(java.time.Instant.now().plusSeconds(3600)));
            ops.getByLabel("Material change (mail everyone, ask for acceptance)").check();
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish this version")).click();
            assertThat(ops.locator("#policy-form [role=alert]")).containsText("at least 24 hours after publication");
            ops.getByLabel("Material change (mail everyone, ask for acceptance)").uncheck();
            ops.getByLabel("Takes effect (your local time)").fill(local(java.time.Instant.now().minusSeconds(120)));
            ops.getByLabel("Policy text").fill("Parley privacy policy, version 4\n\nOur operator's address changed.");
            ops.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish this version")).click();
            assertThat(ops.locator("#policy-published")).containsText("Published version 4");
            assertThat(ops.locator("#policy-current")).containsText("In force: version 4");
            Browsers.shot(ops, "operator");
            ops.navigate(server.baseUrl() + "/privacy.html");
            assertThat(ops.locator("#policy-meta")).containsText("Version 4");
            assertThat(ops.locator("#policy-text")).containsText("Our operator's address changed.");
            assertThat(problems.seen()).as("no CSP violation, no script error").isEmpty();
        }
    }

    /** The value a datetime-local input takes for {@code at} in the browser's zone (the test's JVM and Chromium share it). */
    private static String local(java.time.Instant at) {
        return java.time.LocalDateTime.ofInstant(at, java.time.ZoneId.systemDefault()).withSecond(0).withNano(0).toString();
    }

    private static SessionClient join(TestServer server, String meetingId, ApiClient as, InvitationSecret k) {
        return SessionClient.connector(URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/meetings/" + meetingId + "/relay"))
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow()).invitation(k).connect();
    }
}
