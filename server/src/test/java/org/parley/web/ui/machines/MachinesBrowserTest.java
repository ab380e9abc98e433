package org.parley.web.ui.machines;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.web.ui.Browsers;

/**
 * The owner's page for unattended access, in headless Chromium: a computer enrolled by its agent
 * is approved with the pairing code the agent printed, paused, shared with a technician and
 * revoked; every refused attempt to connect shows the server's reason and lands in the owner's
 * connection list.
 */
class MachinesBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    @RegisterExtension
    static final Browsers browsers = new Browsers(1100, 900, 10_000);

    @Test
    void ownerApprovesByPairingCodePausesUntilAChosenTimeAndSeesTheRefusedAttempt() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            JsonNode enrolment = enrol(server, "Office PC");

            Page olga = browsers.signedIn(server.baseUrl(), "olga@example.com", PASSWORD);
            olga.navigate(onTestOrigin(server, enrolment.path("approveUrl").asText()));
            assertThat(olga.getByLabel("Pairing code")).hasValue(enrolment.path("pairingCode").asText());
            assertThat(olga).not().hasURL(Pattern.compile("#"));
            assertThat(olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))).isFocused();
            shot(olga, "machines-pairing");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(olga.locator("#approved")).containsText("“Office PC” is yours now");
            Locator pc = computer(olga, "Office PC");
            assertThat(fact(pc, "Access")).hasText("Enabled");
            assertThat(fact(pc, "Connection")).hasText("Offline");

            LocalDate day = LocalDate.now(BERLIN).plusDays(2);
            manage(pc);
            pc.getByLabel("Date").fill(day.toString());
            pc.getByLabel("Time").fill("09:30");
            button(pc, "Pause until then").click();
            pc = computer(olga, "Office PC");
            assertThat(pc.getByRole(AriaRole.STATUS)).containsText("Access to “Office PC” is paused until");
            assertThat(pc.getByRole(AriaRole.STATUS)).isFocused();
            // en-GB in Berlin: "27 Nov 2026, 09:30"
            assertThat(fact(pc, "Access")).hasText(Pattern.compile("Paused until " + day.getDayOfMonth() + " \\S+ " + day.getYear() + ", 09:30"));
            assertThat(pc.locator(".section-title .badge")).containsText(new String[] {"Paused", "Offline"});

            button(pc, "Connect to Office PC").click();
            assertThat(pc.getByRole(AriaRole.ALERT).first()).hasText(Pattern.compile("Access to “Office PC” is paused until .+"));
            assertThat(pc.getByRole(AriaRole.ALERT).first()).isFocused();
            assertThat(connectionRows(pc)).hasCount(1);
            assertThat(connectionRows(pc).first()).containsText("Olga Owner");
            assertThat(connectionRows(pc).first()).containsText("Refused: access was paused");
            shot(olga, "machines-paused-refused");

            button(pc, "Resume access now").click();
            pc = computer(olga, "Office PC");
            assertThat(fact(pc, "Access")).hasText("Enabled");
            assertThat(pc.getByRole(AriaRole.STATUS)).hasText("Access to “Office PC” is enabled again.");
        }
    }

    @Test
    void technicianGrantedByEmailSeesTheComputerAndIsRefusedOnceTheOwnerRevokesIt() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Tess", "Technician", "tess@example.com", PASSWORD);
            JsonNode enrolment = enrol(server, "Office PC");
            Page olga = browsers.signedIn(server.baseUrl(), "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/machines.html");
            olga.getByLabel("Pairing code").fill(enrolment.path("pairingCode").asText().toLowerCase().replace("-", " "));
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            Locator pc = computer(olga, "Office PC");

            manage(pc);
            pc.getByLabel("Technician’s email address").fill("tess@example.com");
            button(pc, "Give access").click();
            pc = computer(olga, "Office PC");
            assertThat(pc.getByRole(AriaRole.STATUS)).hasText("tess@example.com can now connect to “Office PC”.");
            assertThat(pc.locator(".people")).containsText("tess@example.com");

            Page tess = browsers.signedIn(server.baseUrl(), "tess@example.com", PASSWORD);
            tess.navigate(server.baseUrl() + "/machines.html");
            assertThat(tess.locator("#owned-empty")).isVisible();
            Locator shared = tess.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Shared with you"));
            Locator hers = shared.getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName("Office PC"));
            assertThat(fact(hers, "Owner")).hasText("Olga Owner");
            assertThat(hers.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Manage access"))).hasCount(0);
            button(hers, "Connect to Office PC").click();
            assertThat(hers.getByRole(AriaRole.ALERT)).hasText("“Office PC” is not online.");

            button(pc, "Revoke…").click();
            assertThat(button(pc, "No, keep it")).isFocused();
            assertThat(pc.locator(".note")).containsText("This is final");
            button(pc, "Yes, revoke it").click();
            pc = computer(olga, "Office PC");
            assertThat(fact(pc, "Access")).hasText("Revoked: no one can connect to it any more");
            assertThat(pc.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Connect to Office PC"))).hasCount(0);

            // Tess's page still shows the computer as it was: Connect tells her why not
            button(hers, "Connect to Office PC").click();
            assertThat(hers.getByRole(AriaRole.ALERT)).hasText("Access to “Office PC” was revoked by its owner.");
            assertThat(fact(hers, "Access")).hasText("Revoked: no one can connect to it any more");

            button(pc, "Refresh").click();
            assertThat(connectionRows(pc)).hasCount(2);
            assertThat(connectionRows(pc).nth(0)).containsText("Tess Technician");
            assertThat(connectionRows(pc).nth(0)).containsText("Refused: access was revoked");
            assertThat(connectionRows(pc).nth(1)).containsText("Not reached: the computer was offline");
            shot(olga, "machines-revoked");
            shot(tess, "machines-technician-refused");

            button(pc, "Remove…").click();
            button(pc, "Yes, remove it").click();
            assertThat(olga.locator("#owned-status")).hasText("“Office PC” and its connection record are removed.");
            assertThat(olga.locator("#owned-empty")).isVisible();
        }
    }

    @Test
    void aPairingLinkOpenedSignedOutIsKeptThroughSignIn() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            JsonNode enrolment = enrol(server, "Laptop");
            Page page = browsers.newPage();
            page.navigate(onTestOrigin(server, enrolment.path("approveUrl").asText()));
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please sign in to see your computers.");
            page.getByRole(AriaRole.ALERT).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in")).click();
            page.getByLabel("Email address").fill("olga@example.com");
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            page.waitForURL("**/machines.html");
            assertThat(page.getByLabel("Pairing code")).hasValue(enrolment.path("pairingCode").asText());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(fact(computer(page, "Laptop"), "Access")).hasText("Enabled");
        }
    }

    /** What the agent does when it is installed: enrol without an account. */
    static JsonNode enrol(TestServer server, String name) {
        var created = new ApiClient(server.baseUrl()).post("/api/v1/machines", Map.of("name", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static Locator computer(Page page, String name) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Your computers"))
                .getByRole(AriaRole.ARTICLE, new Locator.GetByRoleOptions().setName(name));
    }

    static Locator fact(Locator card, String term) {
        return card.locator("dt:text-is('" + term + "') + dd");
    }

    static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name));
    }

    static void manage(Locator card) {
        button(card, "Manage access").click();
    }

    static Locator connectionRows(Locator card) {
        return card.locator("table tbody tr");
    }
}
