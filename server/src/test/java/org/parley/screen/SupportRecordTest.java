package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.session.Needles;
import org.parley.session.RecordingProxy;
import org.parley.session.Traffic;
import org.slf4j.LoggerFactory;

/**
 * Issue 15 item 6: when a support session ends the customer gets a record of it on their own
 * computer. After a real session on Xvfb — Tina allowed to view, control allowed and taken back on
 * the control bar, the session ended by Tina — the file the agent saved ({@code --record}) lists
 * those events in order, is readable by the customer only, the window shows it until Close, and no
 * line of it crosses the customer's network (a proxy records every byte) or reaches the server's log.
 */
class SupportRecordTest {

    @Test
    void theCustomersRecordListsWhoViewedAndControlledAndNoneOfItLeavesTheirComputer(@TempDir Path folder) throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path input = Files.createTempFile("parley-input", ".txt");
        Path log = Files.createTempFile("parley-agent", ".log");
        Path saved = folder.resolve("my-support-session.txt");
        var serverLog = new ServerLog();
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var network = new RecordingProxy(server.port())) {
            String fingerprint;
            try (var session = ViewedSupportSession.start(xvfb, server, network.port(), input, log, "--record", saved.toString())) {
                var technician = session.technician;
                fingerprint = technician.fingerprint();
                technician.requestControl();
                SupportSessionEndToEndTest.allow(xvfb, log, "control", 1);
                technician.awaitController(technician.id());

                // the customer takes control back on the control bar, then Tina ends the session
                SupportSessionEndToEndTest.click(xvfb, SupportSessionEndToEndTest.place(
                        SupportSessionEndToEndTest.latest(log, "control bar shown:"), "takeBack"));
                technician.awaitController(0);
                assertThat(session.tina.post("/api/v1/support-sessions/" + session.sessionId + "/end", Map.of()).status()).isEqualTo(204);
                session.agent.awaitLine("the record saved", line -> line.equals("the session record was saved to " + saved));

                List<String> events = Files.readAllLines(saved, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  .*"))
                        .map(line -> line.substring(21)).toList();
                String tina = "\"Tina Tech\" (key " + fingerprint + ")";
                assertThat(events).containsSubsequence(
                        "session started",
                        "allowed " + tina + " to see the screen",
                        "control asked by " + tina + ": allowed",
                        "\"Tina Tech\" controls the mouse and keyboard",
                        "control ended: the customer took back control",
                        "session ended: the session ended: The technician ended the support session.");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
                assertThat(session.agent.lines()).as("printed on the terminal too")
                        .contains("Parley support session: what happened on this computer")
                        .anyMatch(line -> line.endsWith("  control ended: the customer took back control"));

                // the window shows it until the customer closes it; then the agent exits
                SupportSessionEndToEndTest.awaitLog(log, "session record shown:", 1);
                SupportSessionEndToEndTest.click(xvfb, SupportSessionEndToEndTest.place(
                        SupportSessionEndToEndTest.latest(log, "session record shown:"), "close"));
                assertThat(session.agent.awaitExit()).as("the agent's exit status after Close").isZero();
            }

            // nothing of it was sent: not through the customer's network, not into the server's log
            String traffic = Traffic.of(network.connections());
            String logged = serverLog.text();
            assertThat(traffic).as("control: the customer's traffic is recorded").contains("Carla Customer");
            assertThat(logged).as("control: the server's log is captured").contains("relay join");
            List<String> recordLines = Files.readAllLines(saved, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.length() > 20).toList();
            assertThat(recordLines).hasSizeGreaterThan(6);
            for (String line : recordLines) {
                var marker = new Needles(line);
                assertThat(marker.foundIn(traffic)).as("\"%s\" in the customer's traffic", line).isEmpty();
                assertThat(marker.foundIn(logged)).as("\"%s\" in the server's log", line).isEmpty();
            }
        } catch (AssertionError | RuntimeException failed) {
            System.out.println("the agent's log:\n" + String.join("\n", SupportSessionEndToEndTest.lines(log)));
            throw failed;
        } finally {
            serverLog.close();
            Files.deleteIfExists(input);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }

    /** Everything the in-process server logs at INFO and above while the test runs. */
    private static final class ServerLog implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level level = root.getLevel();
        private final ListAppender<ILoggingEvent> events = new ListAppender<>();

        ServerLog() {
            events.start();
            root.addAppender(events);
            root.setLevel(Level.INFO);
        }

        String text() {
            synchronized (events) {
                return events.list.stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs()
                        + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                        .collect(Collectors.joining("\n"));
            }
        }

        @Override
        public void close() {
            root.setLevel(level);
            root.detachAppender(events);
            events.stop();
        }
    }
}
