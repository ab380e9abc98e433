package org.parley.web.ui.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.support.Pages.PASSWORD;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.web.ui.Browsers;

/**
 * A supervisor creates a team and adds a technician; a customer asks for help on the team's
 * portal and gets a key; the technician sees the request in the shared queue and picks it up;
 * the supervisor's overview lists the session with who and when, not what the problem was.
 */
class SupportTeamBrowserTest {
    @RegisterExtension
    static final Browsers browsers = new Browsers(1200, 900, 10_000);

    @Test
    void customerAsksOnThePortalTechnicianPicksUpFromTheQueueAndTheSupervisorSeesOnlyMetadata() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Sue", "Supervisor", "sue@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Tom", "Technician", "tom@example.com", PASSWORD);

            Page sue = browsers.signedIn(server.baseUrl(), "sue@example.com", PASSWORD);
            sue.navigate(server.baseUrl() + "/teams.html");
            assertThat(sue.locator("#teams-empty")).isVisible();
            sue.getByLabel("Team name").fill("Helpdesk");
            sue.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create team")).click();
            sue.waitForURL(Pattern.compile(".*/teams\\.html\\?team=[0-9a-f-]{36}$"));
            String teamId = sue.url().replaceFirst(".*team=", "");
            assertThat(sue.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Helpdesk"))).isVisible();
            assertThat(sue.locator("#team-role")).hasText("You: Supervisor");
            String portal = sue.getByLabel("Link to give customers").inputValue();
            assertThat(portal).endsWith("/customer.html?team=" + teamId);
            sue.getByLabel("Email address").fill("tom@example.com");
            sue.getByLabel("Role").selectOption("technician");
            sue.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
            assertThat(sue.locator("#member-status")).hasText("tom@example.com is now a technician of Helpdesk.");
            assertThat(sue.locator("#member-list li")).hasCount(2);
            assertThat(sue.locator("#member-list")).containsText("Tom Technician");
            assertThat(sue.locator("#queue-summary")).hasText("No one is waiting.");

            Page carla = browsers.newPage();
            carla.navigate(onTestOrigin(server, portal));
            assertThat(carla.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Get help from Helpdesk"))).isVisible();
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask for help")).click();
            assertThat(carla.getByRole(AriaRole.ALERT)).hasText("Enter your name, at most 100 characters.");
            shot(carla, "portal-form");
            carla.getByLabel("Your name").fill("Carla Customer");
            carla.getByLabel("Describe the problem").fill("The printer prints <b>nothing</b>.");
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask for help")).click();
            assertThat(carla.locator("#command")).hasText(Pattern.compile(
                    "^java -jar parley-agent\\.jar support \\d{9} --server " + server.baseUrl().replace(".", "\\.") + "$"));
            assertThat(carla.locator("#queued-note")).containsText("in the queue of Helpdesk");

            Page tom = browsers.signedIn(server.baseUrl(), "tom@example.com", PASSWORD);
            tom.navigate(server.baseUrl() + "/teams.html");
            assertThat(tom.locator("#team-role")).hasText("You: Technician");
            assertThat(tom.locator("#supervisor")).isHidden();
            Locator waiting = tom.locator("#queue-rows tr");
            assertThat(waiting).hasCount(1);
            assertThat(waiting).containsText("Carla Customer");
            assertThat(waiting).containsText("The printer prints <b>nothing</b>.");
            assertThat(sue.locator("#queue-rows tr")).containsText("Carla Customer"); // her queue refreshes by itself
            assertThat(sue.locator("#overview-queue")).hasText("1");
            shot(tom, "team-queue");

            tom.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pick up Carla Customer")).click();
            tom.waitForURL(Pattern.compile(".*/support\\.html\\?id=[0-9a-f-]{36}$"));
            assertThat(tom.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support for Carla Customer"))).isVisible();
            assertThat(tom.locator("#customer-problem")).hasText("The printer prints <b>nothing</b>.");
            assertThat(tom.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            assertThat(tom.locator("#await-note")).isVisible();
            assertThat(tom.getByLabel("Transfer to a colleague")).isVisible();
            shot(tom, "support-picked-up");

            assertThat(sue.locator("#queue-summary")).hasText("No one is waiting.");
            assertThat(sue.locator("#overview-queue")).hasText("0");
            Locator history = sue.locator("#history-rows tr");
            assertThat(history).hasCount(1);
            assertThat(history).containsText("Tom Technician");
            assertThat(history).containsText("Carla Customer");
            assertThat(history).containsText("Waiting for the customer");
            assertThat(sue.locator("#team")).not().containsText("printer");
            shot(sue, "team-supervisor");

            tom.getByLabel("Transfer to a colleague").fill("nobody@example.com");
            tom.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer")).click();
            assertThat(tom.locator("#transfer-error")).hasText("nobody@example.com is not a member of this support team.");
            tom.getByLabel("Transfer to a colleague").fill("sue@example.com");
            tom.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer")).click();
            assertThat(tom.locator("#ended-title")).hasText("You handed the session over");
            sue.navigate(server.baseUrl() + "/support.html");
            assertThat(sue.locator("#recent-rows tr")).hasCount(1);
            assertThat(sue.locator("#recent-rows tr")).containsText("Carla Customer");
            sue.locator("#recent-rows").getByRole(AriaRole.LINK).click();
            sue.waitForURL(Pattern.compile(".*/support\\.html\\?id=[0-9a-f-]{36}$"));
            assertThat(sue.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support for Carla Customer"))).isVisible();
            assertThat(sue.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
        }
    }
}
