package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.screen.Frame;
import org.parley.protocol.keys.InvitationSecret;

/**
 * Protocol README §9, 0x18/0x19: the agent shares one monitor or all of them, tells everyone which,
 * and switches when the participant in control asks — no one else. Xvfb has one screen and no
 * monitors of its own, so {@code PARLEY_AGENT_MONITORS} lays out two on its 1920×1080: a narrow
 * one at the left and the rest, whose origin (100, 0) every click must be moved by.
 */
class MultiMonitorTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static final String LAYOUT = "100x1080+0+0,1820x1080+100+0";
    static TestServer server;
    static Xvfb xvfb;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient berta;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        xvfb = Xvfb.start();
        server = TestServer.start();
        olga = signedUp("Olga", "olga@example.com");
        ivan = signedUp("Ivan", "ivan@example.com");
        berta = signedUp("Berta", "berta@example.com");
    }

    static ApiClient signedUp(String name, String email) {
        var client = server.client();
        client.registerAndSignIn(server, name, "Tester", email, PASSWORD);
        return client;
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Test
    void theControllerSwitchesMonitorsAndClicksLandOnTheOneShownWhileNoOneElseCanSwitch() throws Exception {
        var k = InvitationSecret.random(new SecureRandom());
        String meetingId = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Two monitors",
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();
        String link = server.baseUrl() + "/meeting.html?id=" + meetingId + "#k=" + k.toFragment();
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
             var controller = Viewer.join(server.baseUrl(), meetingId, ivan, k, "Olga Tester");
             var bystander = Viewer.join(server.baseUrl(), meetingId, berta, k, "Olga Tester")) {
            desktop.awaitLine("the pattern window", "ready"::equals);
            try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_PASSWORD", PASSWORD, "PARLEY_AGENT_MONITORS", LAYOUT), Main.class,
                    "present", "--meeting", link, "--email", "olga@example.com", "--monitor", "1",
                    "--allow-control", controller.fingerprint())) {
                controller.awaitFrame("the narrow first monitor", f -> f.width() == 100 && f.height() == 1080);
                String first = controller.awaitMonitors("the two monitors, the first shown", m -> m.endsWith("\"shown\":0}"));
                assertThat(first).isEqualTo("{\"monitors\":[{\"x\":0,\"y\":0,\"w\":100,\"h\":1080},"
                        + "{\"x\":100,\"y\":0,\"w\":1820,\"h\":1080}],\"shown\":0}");
                agent.awaitLine("the grant", line -> line.equals("Ivan Tester (participant " + controller.id() + ") is in control"));

                // someone not in control asks: nothing changes for anyone
                bystander.showMonitor(1);
                agent.awaitLine("the bystander's request ignored", line -> line.equals("monitor request from participant "
                        + bystander.id() + " ignored: not in control"));
                assertThat(controller.awaitFrame("still the first monitor", f -> true).width()).isEqualTo(100);

                // the controller asks for the second: everyone sees it, and is told
                controller.showMonitor(1);
                Frame second = controller.awaitFrame("the second monitor with the pattern window",
                        f -> f.width() == 1820 && showsPatternAt(f, 100));
                bystander.awaitFrame("the second monitor, for the bystander too", f -> f.width() == 1820 && showsPatternAt(f, 100));
                assertThat(second.height()).isEqualTo(1080);
                bystander.awaitMonitors("the switch announced", m -> m.endsWith("\"shown\":1}"));
                agent.awaitLine("the switch", line -> line.startsWith("participant " + controller.id()
                        + " switched to monitor 2 of 2 (1820×1080 at 100,0)"));

                // a click at (200, 400) of what the controller sees is (300, 400) on the desktop
                ScreenSharingTest.click(controller, 200, 400);
                ScreenSharingTest.awaitRecord(record, "the click moved by the monitor's origin", "press 300 400 1");

                // malformed and out-of-range requests change nothing
                controller.showMonitor(7);
                agent.awaitLine("the out-of-range request", line -> line.equals("ignored a monitor request from participant "
                        + controller.id() + " that names no monitor of this desktop"));
                assertThat(controller.awaitFrame("still the second monitor", f -> true).width()).isEqualTo(1820);

                // all monitors as one picture: the pattern back at its desktop coordinates
                controller.showMonitor(-1);
                controller.awaitFrame("both monitors as one picture", f -> f.width() == 1920 && showsPatternAt(f, 0));
                controller.awaitMonitors("all announced", m -> m.endsWith("\"shown\":-1}"));
            }
        }
    }

    /** The pattern window's colour blocks, with the frame's origin {@code originX} pixels right of the desktop's. */
    static boolean showsPatternAt(Frame frame, int originX) {
        for (int i = 0; i < TestDesktop.BLOCKS.length; i++) {
            int x = TestDesktop.blockCentreX(i) - originX;
            if (x < 0 || x >= frame.width() || frame.rgb(x, TestDesktop.blockCentreY()) != TestDesktop.BLOCKS[i]) {
                return false;
            }
        }
        return true;
    }
}
