package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;
import org.parley.web.ui.Browsers;

/**
 * Issue 6's attended-support scenario with the real agent on Xvfb and the technician in headless
 * Chromium: the technician opens a support session, the customer's agent joins with the key, the
 * customer allows viewing in the consent prompt (a real click on the Allow button), the technician
 * sees the screen, asks for control, the customer allows that separately, the technician types
 * into a window and the text arrives; pausing viewing takes control back and shows the technician
 * a notice; the technician's chat reaches the control bar; the customer clicks End session on the control bar and from then on nothing the
 * technician sends reaches the screen, and the agent exits once the customer closes the session's record.
 */
class SupportSessionEndToEndTest {
    private static final String PASSWORD = ScreenSharingTest.PASSWORD;
    private static final Pattern PLACE = Pattern.compile("(\\w+)=(-?\\d+),(-?\\d+),(\\d+),(\\d+)");
    @RegisterExtension
    static final Browsers browsers = new Browsers(1600, 1000, Child.DEADLINE.toMillis());

    @Test
    void aTechnicianSeesAndControlsOnlyWithTheCustomersConsentAndNothingAfterTheCustomerEndsIt() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path record = Files.createTempFile("parley-record", ".txt");
        Path log = Files.createTempFile("parley-agent", ".log");
        try (var xvfb = Xvfb.start(); var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Tina", "Tech", "tina@example.com", PASSWORD);
            Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
            tina.navigate(server.baseUrl() + "/support.html");
            tina.locator("#start").click();
            Locator keyShown = tina.locator("#support-key");
            keyShown.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
            String key = keyShown.textContent().replaceAll("\\D", "");
            assertThat(key).matches("\\d{9}");

            try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString())) {
                desktop.awaitLine("the pattern window", "ready"::equals);
                long keyEntered = System.nanoTime();
                try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_LOG", log.toString()), Main.class, "support", key,
                        "--server", server.baseUrl(), "--name", "Carla Customer")) {
                    // nothing is shown before the customer allows it
                    awaitLog(log, "consent prompt shown: question=view", 1);
                    assertThat(tina.locator("#screen-stage").isVisible()).as("no screen before consent").isFalse();
                    assertThat(agent.lines()).noneMatch(line -> line.startsWith("sharing this screen"));
                    long clicked = allow(xvfb, log, "view", 1);
                    AgentToBrowserTest.awaitPattern(tina);
                    long firstFrame = System.nanoTime();
                    System.out.printf("support in Chromium: key entry to first frame shown %d ms (Allow clicked to frame shown %d ms)%n",
                            (firstFrame - keyEntered) / 1_000_000, (firstFrame - clicked) / 1_000_000);

                    // control is a second, separate consent
                    tina.locator("#request-control").click();
                    allow(xvfb, log, "control", 1);
                    Locator banner = tina.locator("#control-banner");
                    banner.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
                    int x = TestDesktop.WINDOW.x + 200;
                    int y = TestDesktop.WINDOW.y + 200;
                    AgentToBrowserTest.clickScreen(tina, x, y);
                    ScreenSharingTest.awaitRecord(record, "the technician's click", line -> line.startsWith("press "));
                    tina.keyboard().type("Grüße €");
                    ScreenSharingTest.awaitRecord(record, "the technician's typing", "text Grüße €");

                    // chat: the technician's message reaches the customer's control bar (the agent logs who, never what)
                    awaitLog(log, "control bar shown:", 1);
                    tina.locator("#chat-text").fill("hello from tina");
                    tina.locator("#chat-text").press("Enter");
                    awaitLog(log, "chat message from Tina Tech", 1);

                    // pausing viewing takes control back and tells the technician; resuming shows the screen again
                    click(xvfb, place(latest(log, "control bar shown:"), "pause"));
                    Locator paused = tina.locator("#paused-banner");
                    paused.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
                    banner.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
                    agent.awaitLine("the pause", line -> line.startsWith("control revoked (the customer paused viewing)"));
                    click(xvfb, place(latest(log, "control bar shown:"), "pause"));
                    paused.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));

                    // the customer ends it from the control bar: input stops at once and the agent exits
                    click(xvfb, place(latest(log, "control bar shown:"), "end"));
                    agent.awaitLine("the end of the session", line -> line.startsWith("session ended: the customer ended the session"));
                    List<String> recorded = Files.readAllLines(record, StandardCharsets.UTF_8);
                    tina.keyboard().type("too late");
                    // the customer's record of the session is shown until they close it; then the agent exits
                    awaitLog(log, "session record shown:", 1);
                    click(xvfb, place(latest(log, "session record shown:"), "close"));
                    assertThat(agent.awaitExit()).as("the agent's exit status").isZero();
                    assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).as("nothing after the end").isEqualTo(recorded);
                    assertThat(agent.lines()).anyMatch(line -> line.matches("remote control: \\d+ events applied, .*"));
                    tina.locator("#ended").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
                }
            }
        } catch (AssertionError | RuntimeException failed) {
            // what the agent saw is the first thing to read when this fails on a loaded machine
            System.out.println("the agent's log:\n" + String.join("\n", lines(log)));
            System.out.println("the test window's record: " + Files.readAllLines(record));
            throw failed;
        } finally {
            Files.deleteIfExists(record);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }

    /**
     * Answers the {@code nth} prompt of {@code question} with Allow, as a person would: clicks where
     * the prompt says its button is now (a prompt that settles after showing logs its place again)
     * until the agent logs the answer. Returns when the answering click happened (nanoTime).
     */
    static long allow(Xvfb xvfb, Path log, String question, int nth) throws Exception {
        String shown = "consent prompt shown: question=" + question + " ";
        String answered = "consent prompt answered: question=" + question + " ";
        awaitLog(log, shown, nth);
        for (int attempt = 0; attempt < 5; attempt++) {
            List<String> places = lines(log).stream().filter(l -> l.contains(shown)).toList();
            long at = click(xvfb, place(places.getLast(), "allow"));
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (lines(log).stream().filter(l -> l.contains(answered)).count() >= nth) {
                    return at;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the " + question + " prompt took no click: " + lines(log));
    }

    /** Clicks the middle of {@code button} as a person would; returns when the click happened (nanoTime). */
    static long click(Xvfb xvfb, Rectangle button) throws Exception {
        try (var click = Child.start(xvfb, Map.of(), Click.class, String.valueOf(button.x + button.width / 2),
                String.valueOf(button.y + button.height / 2))) {
            click.awaitLine("the click", "clicked"::equals);
            return System.nanoTime();
        }
    }

    static String awaitLog(Path log, String what, int number) throws InterruptedException {
        long deadline = System.nanoTime() + Child.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = lines(log).stream().filter(l -> l.contains(what)).toList();
            if (lines.size() >= number) {
                return lines.get(number - 1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent's log has no line \"" + what + "\": " + lines(log));
    }

    /** The newest line with {@code what}: a window that moved logs its place again. */
    static String latest(Path log, String what) {
        return lines(log).stream().filter(l -> l.contains(what)).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no \"" + what + "\" in the agent's log"));
    }

    static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rectangle place(String line, String name) {
        Matcher m = PLACE.matcher(line);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return new Rectangle(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)));
            }
        }
        throw new AssertionError("no " + name + "= in " + line);
    }
}
