package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.Main;
import org.parley.agent.screen.Frame;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The desktop agent presents in a real session: the real server, the agent as a child process on
 * an Xvfb display (signed in as the organizer, with the link's secret), and two Java viewers. One
 * sees the screen and, once the presenter grants it control, clicks and types into a window there;
 * the other, never granted control, cannot; and after the presenter revokes, neither can.
 */
@Tag("measurement") // prints figures for the closing notes; skip with -DexcludedGroups=measurement
class ScreenSharingTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static Xvfb xvfb;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient berta;
    final InvitationSecret k = InvitationSecret.random(new SecureRandom());
    static final String MONITOR_LAYOUT = "100x1080+0+0,1820x1080+100+0";

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        xvfb = Xvfb.start();
        server = TestServer.start();
        olga = signedUp("Olga", "olga@example.com");
        ivan = signedUp("Ivan", "ivan@example.com");
        berta = signedUp("Berta", "berta@example.com");
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

    static ApiClient signedUp(String name, String email) {
        var client = server.client();
        client.registerAndSignIn(server, name, "Tester", email, PASSWORD);
        return client;
    }

    @Test
    void viewerSeesTheScreenTheGrantedControllerTypesAndNoOneElseNorAfterRevocation() throws Exception {
        String meetingId = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Screen sharing",
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();
        String link = server.baseUrl() + "/meeting.html?id=" + meetingId + "#k=" + k.toFragment();
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
             var controller = Viewer.join(server.baseUrl(), meetingId, ivan, k, "Olga Tester");
             var bystander = Viewer.join(server.baseUrl(), meetingId, berta, k, "Olga Tester")) {
            desktop.awaitLine("the pattern window", "ready"::equals);
            long agentStarted = System.nanoTime();
            try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_PASSWORD", PASSWORD), Main.class, "present",
                    "--meeting", link, "--email", "olga@example.com", "--allow-control", controller.fingerprint(), "--revoke-after", "30")) {
                // the screen arrives end-to-end encrypted and shows the pattern
                controller.awaitFrame("the pattern", ScreenSharingTest::showsPattern);
                long firstFrame = System.nanoTime();
                bystander.awaitFrame("the pattern", ScreenSharingTest::showsPattern);
                agent.awaitLine("the grant", line -> line.equals("Ivan Tester (participant " + controller.id() + ") is in control"));
                controller.awaitController(controller.id());
                bystander.awaitController(controller.id());
                Measurement stillScreen = measure("static screen", controller, Duration.ofSeconds(10));

                // a participant who is not in control is ignored
                click(bystander, 600, 520);
                bystander.input(Map.of("t", "text", "text", "mallory"));
                agent.awaitLine("the bystander's events ignored", line -> line.startsWith("input from participant "
                        + bystander.id() + " ignored: not in control (4 ignored"));

                // the controller clicks, types text in any script and presses a key by its code
                click(controller, 300, 400);
                awaitRecord(record, "the controller's click", "press 300 400 1");
                controller.input(Map.of("t", "text", "text", "Grüße €"));
                awaitRecord(record, "the pasted text", "text Grüße €");
                controller.input(Map.of("t", "key", "code", "KeyQ", "down", true));
                controller.input(Map.of("t", "key", "code", "KeyQ", "down", false));
                awaitRecord(record, "the key", "text Grüße €q");
                assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).contains("key " + java.awt.event.KeyEvent.VK_Q)
                        .noneMatch(line -> line.startsWith("press 600 520")).noneMatch(line -> line.contains("mallory"));

                // what a third member working with the relay could inject under the controller's id (the
                // relay stamps the sender, the group key seals the frame): the untagged JSON the agent once
                // typed, an event tagged with her own input key, and a replay of the controller's last one
                List<String> typed = Files.readAllLines(record, StandardCharsets.UTF_8);
                controller.sendRawInput(ApiClient.JSON.writeValueAsBytes(Map.of("t", "text", "text", "mallory untagged")));
                controller.sendRawInput(bystander.inputBody(Map.of("t", "text", "text", "mallory")));
                agent.awaitLine("the forged events refused", line -> line.startsWith("input from participant "
                        + controller.id() + " refused: its tag does not verify") && line.endsWith("(2 refused so far)"));
                controller.sendRawInput(controller.lastInput());
                agent.awaitLine("the replay refused", line -> line.startsWith("input from participant "
                        + controller.id() + " refused: sequence number ") && line.endsWith("(a replay) (3 refused so far)"));
                assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).as("nothing reached the window").isEqualTo(typed);

                Measurement caret = measureWorkload("blinking caret", "caret", controller);

                // the presenter's decision (--revoke-after) ends control; later events are ignored
                controller.awaitController(0);
                bystander.awaitController(0);
                agent.awaitLine("the revocation", line -> line.startsWith("control revoked (--revoke-after 30 s)"));
                long recorded = Files.size(record);
                click(controller, 320, 420);
                controller.input(Map.of("t", "text", "text", "too late"));
                agent.awaitLine("the controller's late events ignored", line -> line.startsWith("input from participant "
                        + controller.id() + " ignored: not in control (8 ignored"));
                assertThat(Files.size(record)).as("nothing reached the window after the revocation").isEqualTo(recorded);

                Measurement scrolling = measureWorkload("scrolling window", "scroll", controller);

                assertThat(agent.stop()).as("the JVM's status after SIGTERM, once its shutdown hook has run").isEqualTo(143);
                List<String> output = agent.lines();
                assertThat(output).anyMatch(line -> line.startsWith("stopping: interrupted (Ctrl-C)"))
                        .anyMatch(line -> line.equals("remote control: 6 events applied, 8 ignored (not from the controller), "
                                + "3 unauthenticated (bad tag or replay), 0 refused (malformed)"))
                        .anyMatch(line -> line.startsWith("sent "));
                assertThat(Files.size(record)).isEqualTo(recorded);
                assertThat(controller.grants()).containsSubsequence(controller.id(), 0);

                System.out.printf(Locale.ROOT, "first frame decoded: %d ms after the agent process started, %d ms after its "
                        + "join (roster), %d ms after the viewer got its key%n", Duration.ofNanos(firstFrame - agentStarted).toMillis(),
                        controller.joinToFirstFrame().toMillis(), controller.keyToFirstFrame().toMillis());
                for (Measurement m : List.of(stillScreen, caret, scrolling)) {
                    System.out.println(m);
                }
                System.out.println("agent: " + output.stream().filter(line -> line.startsWith("sent ")).findFirst().orElseThrow());
            }
        }
    }

    /**
     * Protocol README §9, 0x18/0x19: the agent shares one monitor or all of them, tells everyone which,
     * and switches when the participant in control asks — no one else. Xvfb has one screen and no
     * monitors of its own, so {@code PARLEY_AGENT_MONITORS} lays out two on its 1920×1080: a narrow
     * one at the left and the rest, whose origin (100, 0) every click must be moved by.
     */
    @Test
    void theControllerSwitchesMonitorsAndClicksLandOnTheOneShownWhileNoOneElseCanSwitch() throws Exception {
        String meetingId = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Two monitors",
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();
        String link = server.baseUrl() + "/meeting.html?id=" + meetingId + "#k=" + k.toFragment();
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
             var controller = Viewer.join(server.baseUrl(), meetingId, ivan, k, "Olga Tester");
             var bystander = Viewer.join(server.baseUrl(), meetingId, berta, k, "Olga Tester")) {
            desktop.awaitLine("the pattern window", "ready"::equals);
            try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_PASSWORD", PASSWORD, "PARLEY_AGENT_MONITORS", MONITOR_LAYOUT), Main.class,
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
                click(controller, 200, 400);
                awaitRecord(record, "the click moved by the monitor's origin", "press 300 400 1");

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

    static boolean showsPattern(Frame frame) {
        return showsPatternAt(frame, 0);
    }

    static void click(Viewer viewer, int x, int y) throws Exception {
        viewer.input(Map.of("t", "move", "x", x, "y", y));
        viewer.input(Map.of("t", "down", "button", 0, "x", x, "y", y));
        viewer.input(Map.of("t", "up", "button", 0, "x", x, "y", y));
    }

    static void awaitRecord(Path record, String what, String line) throws Exception {
        awaitRecord(record, what + " (\"" + line + "\")", line::equals);
    }

    /** Waits for a line of the pattern window's record that matches; returns it. */
    static String awaitRecord(Path record, String what, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + Child.DEADLINE.toNanos();
        while (true) {
            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the window did not record " + what + " within " + Child.DEADLINE
                        + "; it recorded:\n" + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }

    /** Runs a workload window for a second to settle, then measures what the viewer receives. */
    static Measurement measureWorkload(String name, String mode, Viewer viewer) throws Exception {
        try (var workload = Child.start(xvfb, Map.of(), TestDesktop.class, mode)) {
            workload.awaitLine("the workload window", "ready"::equals);
            Thread.sleep(1_000); // pacing: let the workload's first full repaint pass before measuring it
            return measure(name, viewer, Duration.ofSeconds(10));
        }
    }

    static Measurement measure(String name, Viewer viewer, Duration period) throws InterruptedException {
        long from = System.nanoTime();
        Thread.sleep(period.toMillis()); // measuring over a fixed period, not waiting for a condition
        List<Viewer.Body> bodies = viewer.bodiesSince(from);
        double seconds = period.toNanos() / 1e9;
        return new Measurement(name, period, bodies.stream().filter(Viewer.Body::lastPart).count() / seconds,
                bodies.stream().mapToLong(Viewer.Body::bytes).sum() / seconds,
                bodies.stream().filter(Viewer.Body::keyframe).mapToLong(Viewer.Body::bytes).sum() / seconds);
    }

    /** What one viewer received over {@code period}; {@code keyframeBytesPerSecond} is the periodic keyframes' share. */
    record Measurement(String name, Duration period, double framesPerSecond, double bytesPerSecond,
                       double keyframeBytesPerSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-17s %4.1f frames/s %8.0f bytes/s (keyframes %7.0f, changes %7.0f) over %d s",
                    name + ":", framesPerSecond, bytesPerSecond, keyframeBytesPerSecond, bytesPerSecond - keyframeBytesPerSecond,
                    period.toSeconds());
        }
    }
}
