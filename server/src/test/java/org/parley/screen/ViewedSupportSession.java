package org.parley.screen;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;

/**
 * A support session as the support tests start from it: Tina Tech at her console (a Java viewer),
 * a test desktop showing the pattern, and Carla Customer's real agent reaching the server on
 * {@code agentPort} — a proxy that plays the network or a hostile server — with Carla having
 * allowed Tina to view and the pattern on Tina's screen.
 */
final class ViewedSupportSession implements AutoCloseable {
    static final String PASSWORD = ScreenSharingTest.PASSWORD;
    final ApiClient tina;
    final UUID sessionId;
    final Child desktop;
    final Viewer technician;
    final Child agent;

    private ViewedSupportSession(ApiClient tina, UUID sessionId, Child desktop, Viewer technician, Child agent) {
        this.tina = tina;
        this.sessionId = sessionId;
        this.desktop = desktop;
        this.technician = technician;
        this.agent = agent;
    }

    /**
     * {@code record} is where the test desktop writes the input it received; {@code log} the agent's log;
     * {@code agentOptions} more of the agent's {@code support} options.
     */
    static ViewedSupportSession start(Xvfb xvfb, TestServer server, int agentPort, Path record, Path log, String... agentOptions)
            throws Exception {
        var tina = server.client();
        tina.registerAndSignIn(server, "Tina", "Tech", "tina@example.com", PASSWORD);
        var opened = tina.post("/api/v1/support-sessions", Map.of()).json();
        UUID sessionId = UUID.fromString(opened.path("id").asText());
        Child desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
        Viewer technician = null;
        Child agent = null;
        try {
            technician = Viewer.technician(server.baseUrl(), sessionId, tina, "Carla Customer");
            var arguments = new java.util.ArrayList<>(java.util.List.of("support", opened.path("supportKey").asText(),
                    "--server", "http://127.0.0.1:" + agentPort, "--name", "Carla Customer"));
            arguments.addAll(java.util.List.of(agentOptions));
            agent = Child.start(xvfb, Map.of("PARLEY_AGENT_LOG", log.toString()), Main.class, arguments.toArray(String[]::new));
            desktop.awaitLine("the pattern window", "ready"::equals);
            SupportSessionEndToEndTest.allow(xvfb, log, "view", 1);
            technician.awaitFrame("the pattern", ScreenSharingTest::showsPattern);
            return new ViewedSupportSession(tina, sessionId, desktop, technician, agent);
        } catch (Exception | AssertionError failed) {
            closeAll(agent, technician, desktop);
            throw failed;
        }
    }

    @Override
    public void close() {
        closeAll(agent, technician, desktop);
    }

    // the agent first, so it does not see its technician go and report it; the desktop last
    private static void closeAll(Child agent, Viewer technician, Child desktop) {
        if (agent != null) {
            agent.close();
        }
        if (technician != null) {
            technician.close();
        }
        desktop.close();
    }

    /**
     * Deletes the agent's log {@code log} and its files: the agent's FileHandler writes {@code log.0}
     * (older ones {@code .1}…{@code .4}, a {@code .0.lck} while it runs) and makes {@code log} a link to it.
     */
    static void deleteAgentLog(java.nio.file.Path log) throws java.io.IOException {
        java.nio.file.Files.deleteIfExists(log);
        for (String suffix : new String[] {".0", ".1", ".2", ".3", ".4", ".0.lck"}) {
            java.nio.file.Files.deleteIfExists(log.resolveSibling(log.getFileName() + suffix));
        }
    }
}
