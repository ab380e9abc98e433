package org.parley.screen;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ApiClient;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.session.Accounts;
import org.parley.session.Needles;
import org.parley.session.ObservedServer;
import org.parley.session.Traces;
import org.parley.web.ui.Browsers;

/**
 * Issue 15's system information (protocol README §9b) with the real agent on Xvfb, the technician in
 * headless Chromium and the server as an operator runs it, behind a recording proxy: the technician
 * asks, the customer allows in a prompt (a real click), and the console shows this machine's
 * operating system and processor count; asked again, the customer declines and the console says so.
 * A colleague whom the customer did not allow to see the screen asks too: no prompt, no answer; and
 * while that colleague holds the session key, even the technician's allowed request is not answered
 * (a direct message is sealed with the group key). The agent's os.version is the run's marker: it is
 * on the console, and nowhere on the wire, in the server's log, database or heap.
 */
class SystemInformationEndToEndTest {
    private static final Locator.WaitForOptions VISIBLE = new Locator.WaitForOptions();
    private static final LocatorAssertions.HasTextOptions WITHIN = new LocatorAssertions.HasTextOptions().setTimeout(30_000);
    @RegisterExtension
    static final Browsers browsers = new Browsers(1600, 1000, Child.DEADLINE.toMillis());

    @Test
    void theTechnicianSeesItOnlyWithTheCustomersConsentAndTheServerNever(@TempDir Path dataDir, @TempDir Path dumps) throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Needles marker = new Needles("MARKER-sysinfo-" + run); // the agent's os.version: only in the system information
        Needles control = new Needles("CONTROL-customer-" + run); // the customer's name, which the server keeps
        Path log = Files.createTempFile("parley-agent", ".log");
        Traces traces;
        String heap;
        try (var xvfb = Xvfb.start(); var server = ObservedServer.start(dataDir)) {
            String base = server.baseUrl();
            ApiClient tinaApi = server.signedUp("Tina", "tina@example.com");
            ApiClient colinApi = server.signedUp("Colin", "colin@example.com");
            Page tina = browsers.signedIn(base, "tina@example.com", Accounts.PASSWORD);
            tina.navigate(base + "/support.html");
            tina.locator("#start").click();
            Locator keyShown = tina.locator("#support-key");
            keyShown.waitFor(VISIBLE);
            String key = keyShown.textContent().replaceAll("\\D", "");
            UUID sessionId = UUID.fromString(URI.create(tina.url()).getQuery().replace("id=", ""));

            try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_LOG", log.toString(),
                    "JAVA_TOOL_OPTIONS", "-Dos.version=" + marker.secret()), Main.class, "support", key, "--server", base,
                    "--name", control.secret())) {
                // its log is in place by then (the agent moves the file and links it while it starts)
                agent.awaitLine("the agent in the session", line -> line.startsWith("joined support session"));
                SupportSessionEndToEndTest.allow(xvfb, log, "view", 1);
                agent.awaitLine("the customer's answer about Tina", line -> line.startsWith("the customer allowed Tina Tester"));
                Locator ask = tina.locator("#system-info");
                assertThat(ask).isEnabled(new LocatorAssertions.IsEnabledOptions().setTimeout(30_000));

                // asked, allowed: the console shows what this machine is (the agent runs here, in its own JVM)
                ask.click();
                assertThat(tina.locator("#system-info-status")).hasText("Waiting for the customer to allow…");
                SupportSessionEndToEndTest.allow(xvfb, log, "sysinfo", 1);
                Locator facts = tina.locator("#system-info-facts");
                assertThat(fact(tina, "Operating system")).hasText(System.getProperty("os.name") + " " + marker.secret() + " ("
                        + System.getProperty("os.arch") + ")", WITHIN);
                assertThat(fact(tina, "Processor")).containsText(Runtime.getRuntime().availableProcessors() + " logical processors");
                assertThat(facts).containsText("Memory");
                assertThat(facts).containsText("Disk 1");
                assertThat(fact(tina, "Display 1")).containsText("×");
                assertThat(tina.locator("#system-info-status")).isEmpty();

                // asked again, declined
                ask.click();
                assertThat(tina.locator("#system-info-status")).hasText("Waiting for the customer to allow…");
                assertThat(facts).isEmpty();
                decline(xvfb, log, "sysinfo", 2);
                assertThat(tina.locator("#system-info-status")).hasText("The customer declined.", WITHIN);
                assertThat(facts).isEmpty();

                // a colleague Tina lets in, whom the customer does not allow to see the screen, asks: nobody is asked, nothing comes
                assertThat(tinaApi.post("/api/v1/support-sessions/" + sessionId + "/invite", Map.of("email", "colin@example.com"))
                        .status()).isEqualTo(204);
                List<SessionEvent> heard = new CopyOnWriteArrayList<>();
                URI relay = URI.create(base.replace("http://", "ws://") + "/api/v1/support-sessions/" + sessionId + "/relay");
                try (SessionClient colin = SessionClient.connector(relay).meetingId(sessionId)
                        .header("Cookie", "parley_session=" + colinApi.cookie("parley_session").orElseThrow())
                        .listener(heard::add).connect()) {
                    tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Colin Tester")).click();
                    decline(xvfb, log, "view", 2);
                    agent.awaitLine("the customer's answer about Colin", line -> line.startsWith("the customer did not allow Colin Tester"));
                    await("Colin holds the key", () -> colin.membership().isPresent());
                    int carla = colin.participants().stream().filter(p -> p.role().equals("customer")).mapToInt(Participant::id)
                            .findFirst().orElseThrow();
                    long promptsBefore = sysinfoPrompts(log);
                    colin.sendContent(0x30, new byte[0], carla);
                    Thread.sleep(3_000);
                    assertThat(sysinfoPrompts(log)).as("no prompt for a request from someone the customer did not allow")
                            .isEqualTo(promptsBefore);

                    // Tina may ask, and the customer may allow, but Colin holds the key: nothing is sent
                    ask.click();
                    SupportSessionEndToEndTest.allow(xvfb, log, "sysinfo", 3);
                    agent.awaitLine("the answer held back", line -> line.startsWith("system information not sent to participant"));
                    assertThat(heard).as("what Colin received from the customer's agent")
                            .noneMatch(e -> e instanceof SessionEvent.ContentReceived c && c.kind() == 0x31);
                }
                assertThat(SupportSessionEndToEndTest.lines(log)).as("the agent's log").noneMatch(l -> !marker.foundIn(l).isEmpty());
                heap = server.heap(dumps);
            }
            traces = server.stop(heap);
        } catch (AssertionError | RuntimeException failed) {
            System.out.println("the agent's log:\n" + String.join("\n", SupportSessionEndToEndTest.lines(log)));
            throw failed;
        } finally {
            ViewedSupportSession.deleteAgentLog(log);
        }

        // controls first: the customer's name is where the server keeps it, the relay's lines are logged
        assertThat(control.foundIn(traces.traffic())).as("control: the customer's name crossed the wire").isNotEmpty();
        assertThat(control.foundIn(traces.database())).as("control: the customer's name is in the database").isNotEmpty();
        assertThat(control.foundIn(traces.heap())).as("control: the customer's name is in the heap").isNotEmpty();
        assertThat(traces.log()).as("control: the log is captured").contains("relay join");
        assertThat(marker.foundIn(traces.traffic())).as("the system information on the wire").isEmpty();
        assertThat(marker.foundIn(traces.log())).as("the system information in the server's log").isEmpty();
        assertThat(marker.foundIn(traces.database())).as("the system information in the database").isEmpty();
        assertThat(marker.foundIn(traces.heap())).as("the system information in the server's heap").isEmpty();
    }

    /** How often the agent logged a system information prompt (a prompt that settles logs its place again). */
    private static long sysinfoPrompts(Path log) {
        return SupportSessionEndToEndTest.lines(log).stream().filter(l -> l.contains("consent prompt shown: question=sysinfo ")).count();
    }

    /** The value the console shows for {@code term}. */
    private static Locator fact(Page page, String term) {
        return page.locator("xpath=//*[@id='system-info-facts']//dt[normalize-space(.)='" + term + "']/following-sibling::dd[1]");
    }

    /** Answers the {@code nth} prompt of {@code question} with Decline, clicking where the prompt says its button is. */
    private static void decline(Xvfb xvfb, Path log, String question, int nth) throws Exception {
        String shown = "consent prompt shown: question=" + question + " ";
        String answered = "consent prompt answered: question=" + question + " ";
        SupportSessionEndToEndTest.awaitLog(log, shown, nth);
        for (int attempt = 0; attempt < 5; attempt++) {
            List<String> places = SupportSessionEndToEndTest.lines(log).stream().filter(l -> l.contains(shown)).toList();
            SupportSessionEndToEndTest.click(xvfb, SupportSessionEndToEndTest.place(places.getLast(), "decline"));
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (SupportSessionEndToEndTest.lines(log).stream().filter(l -> l.contains(answered)).count() >= nth) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the " + question + " prompt took no click: " + SupportSessionEndToEndTest.lines(log));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Child.DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited in vain: " + what);
            }
            Thread.sleep(50);
        }
    }
}
