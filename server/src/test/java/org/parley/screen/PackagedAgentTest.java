package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;

/**
 * The packaged agent (issue 15) as a customer without Java meets it: the app image's own launcher,
 * on its own trimmed runtime, opens the key window with the server filled in from a
 * {@code parley-support:} link; a person types a wrong key (the window says so and lets them retry),
 * then the right one, allows viewing in the consent prompt, and the technician sees the screen.
 * Runs only where the agent build packaged it (Linux with jpackage, dpkg-deb and fakeroot) and Xvfb
 * exists; otherwise it is skipped with the reason. The figures printed — launch to window, key entry
 * to the first frame on the technician's screen — are measured, not asserted.
 */
class PackagedAgentTest {
    private static final Path PACKAGED = Path.of("..", "agent", "target", "jpackage");
    private static final Path LAUNCHER = PACKAGED.resolve("parley-agent/bin/parley-agent");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aCustomerTypesTheKeyIntoThePackagedAgentsWindowAndTheTechnicianSeesTheScreen() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Assumptions.assumeTrue(Files.isExecutable(LAUNCHER), "the packaged agent " + LAUNCHER.toAbsolutePath().normalize()
                + " is missing: the agent build skipped packaging (its 'parley-agent packaging skipped: …' line says why: "
                + "not Linux, no jpackage, dpkg-deb or fakeroot, or -Dparley.package.skip=true)");
        assertThat(packaged(".deb")).as("the .deb next to the app image").isPresent();
        assertThat(packaged(".tar.gz")).as("the portable archive next to the app image").isPresent();

        Path log = Files.createTempFile("parley-packaged-agent", ".log");
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var xvfb = Xvfb.start(); var server = TestServer.start()) {
            var tina = server.client();
            tina.registerAndSignIn(server, "Tina", "Tech", "tina@example.com", ScreenSharingTest.PASSWORD);
            String team = tina.post("/api/v1/support-teams", Map.of("name", "Acme Help Desk")).json().path("id").asText();
            var opened = tina.post("/api/v1/support-sessions", Map.of("teamId", team)).json();
            UUID sessionId = UUID.fromString(opened.path("id").asText());
            String key = opened.path("supportKey").asText();
            try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString());
                 var person = Child.start(xvfb, Map.of(), Person.class);
                 var technician = Viewer.technician(server.baseUrl(), sessionId, tina, "Customer")) {
                desktop.awaitLine("the pattern window", "ready"::equals);
                person.awaitLine("the person's robot", "ready"::equals);

                long launched = System.nanoTime();
                Process agent = launch(xvfb, log, "parley-support:?server=" + URLEncoder.encode(server.baseUrl(), StandardCharsets.UTF_8));
                try {
                    String shown = awaitLog(log, "key window shown: ");
                    long windowShown = System.nanoTime();
                    awaitLog(log, "ready for the support key");
                    long ready = System.nanoTime();
                    Rectangle field = SupportSessionEndToEndTest.place(shown, "key");

                    // a wrong key: the server refuses it, the window says why and takes another
                    person.tell("type " + (field.x + 20) + " " + (field.y + field.height / 2) + " 000 000 000");
                    awaitLog(log, "key window says: ");
                    assertThat(lines(log)).as("nothing shared after a refused key")
                            .noneMatch(l -> l.contains("consent prompt shown"));

                    person.tell("type " + (field.x + 20) + " " + (field.y + field.height / 2) + " " + grouped(key));
                    long keyEntered = Long.parseLong(awaitOutput(person, "typed ", 2).substring("typed ".length()));
                    String prompt = awaitLog(log, "consent prompt shown: question=view ");
                    long armed = System.nanoTime();
                    assertThat(technician.bodiesSince(0)).as("tiles before the customer allowed viewing").isEmpty();
                    long allowed = allowAsSoonAsArmed(person, log, SupportSessionEndToEndTest.place(prompt, "allow"));
                    technician.awaitFrame("the pattern", ScreenSharingTest::showsPattern);
                    long firstFrame = System.nanoTime();
                    awaitLog(log, "control bar shown: ");

                    // the prompt logs its place when Allow arms, 600 ms after it appears (a click already on its
                    // way cannot answer it): that wait is the consent design's, not start-up
                    System.out.printf(Locale.ROOT, "packaged agent: launch to key window %d ms, to ready %d ms; key entry (Enter) to "
                                    + "the viewing prompt's Allow armed %d ms (600 ms of it the arming delay); Allow clicked %d ms "
                                    + "after arming; Allow to the first whole frame on the technician's screen %d ms; key entry to "
                                    + "first frame %d ms%n",
                            ms(windowShown - launched), ms(ready - launched), ms(armed - keyEntered), ms(allowed - armed),
                            ms(firstFrame - allowed), ms(firstFrame - keyEntered));
                } finally {
                    agent.destroy();
                    assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("the agent ends on SIGTERM").isTrue();
                }
            }
        } finally {
            Files.deleteIfExists(record);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }

    private static Process launch(Xvfb xvfb, Path log, String link) throws IOException {
        var builder = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), link).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("parley-packaged-agent", ".out").toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        builder.environment().put("PARLEY_AGENT_LOG", log.toString());
        builder.environment().remove("JAVA_HOME"); // it brings its own runtime
        return builder.start();
    }

    /** Clicks Allow until the prompt takes it (it ignores clicks for its first 600 ms); returns when the taken click happened. */
    private static long allowAsSoonAsArmed(Child person, Path log, Rectangle allow) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int click = 1; System.nanoTime() < deadline; click++) {
            person.tell("click " + (allow.x + allow.width / 2) + " " + (allow.y + allow.height / 2));
            long at = Long.parseLong(awaitOutput(person, "clicked ", click).substring("clicked ".length()));
            long wait = System.nanoTime() + 150_000_000L;
            while (System.nanoTime() < wait) {
                if (lines(log).stream().anyMatch(l -> l.contains("consent prompt answered: question=view "))) {
                    return at;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the viewing prompt took no click: " + lines(log));
    }

    private static String awaitLog(Path log, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = lines(log).stream().filter(l -> l.contains(what)).findFirst();
            if (line.isPresent()) {
                return line.get().substring(line.get().indexOf(what));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the agent's log has no line \"" + what + "\": " + lines(log));
    }

    /** The log's lines; none while it is being rotated into place (the agent replaces the file as it starts logging). */
    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String awaitOutput(Child child, String prefix, int nth) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            var lines = child.lines().stream().filter(l -> l.startsWith(prefix)).toList();
            if (lines.size() >= nth) {
                return lines.get(nth - 1);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the person did not say \"" + prefix + "\" " + nth + " times: " + child.lines());
    }

    private static Optional<Path> packaged(String suffix) throws IOException {
        try (var files = Files.list(PACKAGED)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
        }
    }

    private static String grouped(String key) {
        return key.substring(0, 3) + " " + key.substring(3, 6) + " " + key.substring(6);
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
