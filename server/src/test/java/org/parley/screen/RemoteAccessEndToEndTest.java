package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;
import org.parley.session.RecordingProxy;
import org.parley.web.ui.Browsers;

/**
 * Remote access to your own computer (issue 6, GoToMyPC): the real agent runs as the service on
 * Xvfb; its owner, in Chromium, connects from the computers page with the access password, sees
 * the screen and types into a window there. The network then drops: the agent comes back online by
 * itself and the owner connects again. Finally the owner pauses access at the computer itself and
 * the page's Connect is refused with "paused until …".
 */
class RemoteAccessEndToEndTest {
    private static final String ACCOUNT_PASSWORD = UnattendedAccessTest.ACCOUNT_PASSWORD;
    private static final String ACCESS_PASSWORD = UnattendedAccessTest.ACCESS_PASSWORD;
    @RegisterExtension
    static final Browsers browsers = new Browsers(1600, 1000, Child.DEADLINE.toMillis());

    @Test
    void theOwnerReachesTheirComputerFromTheBrowserAgainAfterANetworkDropAndNotWhilePaused() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path home = Files.createTempDirectory("parley-agent-home");
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var network = new RecordingProxy(server.port())) {
            var ownerApi = server.client();
            ownerApi.registerAndSignIn(server, "Olivia", "Owner", "olivia@example.com", ACCOUNT_PASSWORD);
            var computer = EnrolledComputer.approved(xvfb, home, "http://127.0.0.1:" + network.port(), "Office PC", ACCESS_PASSWORD,
                    ownerApi);
            try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
                 var agent = Child.start(xvfb, computer.env(), Main.class, "run")) {
                desktop.awaitLine("the pattern window", "ready"::equals);
                agent.awaitLine("the agent online", line -> line.startsWith("online as \"Office PC\""));
                Page olivia = browsers.signedIn(server.baseUrl(), "olivia@example.com", ACCOUNT_PASSWORD);

                connect(olivia, server.baseUrl());
                AgentToBrowserTest.awaitPattern(olivia);
                olivia.locator("#control-banner").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
                AgentToBrowserTest.clickScreen(olivia, TestDesktop.WINDOW.x + 200, TestDesktop.WINDOW.y + 200);
                ScreenSharingTest.awaitRecord(record, "the owner's click", line -> line.startsWith("press "));
                olivia.keyboard().type("from afar");
                ScreenSharingTest.awaitRecord(record, "the owner's typing", "text from afar");

                // the computer's network drops: the page says it went offline; the agent reconnects by itself
                network.cutAll();
                olivia.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Office PC went offline")).waitFor();
                awaitSecondLine(agent, "online as \"Office PC\"");
                connect(olivia, server.baseUrl());
                AgentToBrowserTest.awaitPattern(olivia);

                // the owner, at the computer, pauses access: the page's Connect is refused and says until when
                Instant until = Instant.now().plus(java.time.Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
                try (var pause = Child.start(xvfb, computer.env(), Main.class, "access", "pause", "--until", until.toString())) {
                    pause.awaitLine("the pause", line -> line.startsWith("\"Office PC\": paused"));
                }
                olivia.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The connection to Office PC ended")).waitFor();
                olivia.navigate(server.baseUrl() + "/machines.html");
                olivia.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect to Office PC")).click();
                Locator refusal = olivia.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("paused until"));
                refusal.waitFor();
                assertThat(refusal.textContent()).contains("Access to “Office PC” is paused until");
                assertThat(agent.lines()).noneMatch(line -> line.contains(ACCESS_PASSWORD));
            }
        } finally {
            TestServer.deleteRecursively(home);
            Files.deleteIfExists(record);
        }
    }

    private static void connect(Page page, String baseUrl) {
        page.navigate(baseUrl + "/machines.html");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect to Office PC")).click();
        page.getByLabel("Access password of this computer").fill(ACCESS_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlock")).click();
    }

    private static void awaitSecondLine(Child agent, String start) throws InterruptedException {
        long deadline = System.nanoTime() + Child.DEADLINE.toNanos();
        while (agent.lines().stream().filter(line -> line.startsWith(start)).count() < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent did not come back online: " + agent.lines());
            }
            Thread.sleep(100);
        }
    }
}
