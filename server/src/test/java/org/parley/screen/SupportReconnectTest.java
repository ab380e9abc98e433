package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.session.RecordingProxy;

/**
 * The customer's network drops in the middle of a support session (a proxy plays the network and
 * cuts every connection). The agent stops sending and takes control back at once, reconnects with
 * the same ticket, and the technician sees the screen again without the customer being asked again
 * — but control has to be asked for, and allowed, again.
 */
class SupportReconnectTest {
    private static final String VIEW_PROMPT = "consent prompt shown: question=view";

    @Test
    void theAgentComesBackAfterANetworkDropWithoutControl() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path record = Files.createTempFile("parley-record", ".txt");
        Path log = Files.createTempFile("parley-agent", ".log");
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var network = new RecordingProxy(server.port())) {
            try (var session = ViewedSupportSession.start(xvfb, server, network.port(), record, log)) {
                var tina = session.tina;
                UUID sessionId = session.sessionId;
                var technician = session.technician;
                var agent = session.agent;
                technician.requestControl();
                SupportSessionEndToEndTest.allow(xvfb, log, "control", 1);
                technician.awaitController(technician.id());

                long cut = System.nanoTime();
                network.cutAll();
                agent.awaitLine("control taken back", line -> line.startsWith("control revoked (the connection to the server was lost)"));
                agent.awaitLine("the loss", line -> line.startsWith("connection lost ("));
                long keyframesBefore = technician.keyframes(); // the stream has stopped
                agent.awaitLine("the reconnection", line -> line.startsWith("reconnected to support session " + sessionId));

                // the screen comes back for the technician the customer allowed, with no one in control
                technician.awaitController(0);
                technician.awaitKeyframesAbove(keyframesBefore);
                System.out.printf(java.util.Locale.ROOT, "support session: network cut to the screen shown again %d ms%n",
                        java.time.Duration.ofNanos(System.nanoTime() - cut).toMillis());
                assertThat(agent.lines().stream().filter(l -> l.startsWith("sharing this screen with")).count())
                        .as("sharing started again").isEqualTo(2);
                assertThat(tina.get("/api/v1/support-sessions/" + sessionId).json().path("status").asText()).isEqualTo("connected");
                assertThat(SupportSessionEndToEndTest.lines(log).stream().filter(l -> l.contains(VIEW_PROMPT)).count())
                        .as("the customer is not asked again about the technician they allowed").isEqualTo(1);

                // input sent before control is allowed again reaches nothing
                long recorded = Files.size(record);
                ScreenSharingTest.click(technician, 320, 420);
                agent.awaitLine("the click ignored", line -> line.startsWith("input from participant " + technician.id()
                        + " ignored: not in control"));
                assertThat(Files.size(record)).as("nothing reached the window without control").isEqualTo(recorded);

                technician.requestControl();
                SupportSessionEndToEndTest.allow(xvfb, log, "control", 2);
                technician.awaitController(technician.id());
                ScreenSharingTest.click(technician, 300, 400);
                ScreenSharingTest.awaitRecord(record, "the technician's click after the reconnection", "press 300 400 1");

                assertThat(tina.post("/api/v1/support-sessions/" + sessionId + "/end", Map.of()).status()).isEqualTo(204);
                agent.awaitLine("the end", line -> line.startsWith("session ended: the session ended: The technician ended"));
            }
        } finally {
            Files.deleteIfExists(record);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }
}
