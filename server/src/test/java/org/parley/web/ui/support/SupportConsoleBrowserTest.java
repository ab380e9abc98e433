package org.parley.web.ui.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.support.Pages.PASSWORD;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.session.RecordingProxy;
import org.parley.web.ui.Browsers;

/**
 * The technician's console with a customer who joins from Java the way the agent does (the key
 * bought a ticket; no consent window, no screen): the customer is let in without a click, chat
 * goes both ways, the verification codes agree, "Request control" reaches the customer only,
 * their grant and their pause show on the console, a lost connection is waited for and the
 * customer let in again, and their leaving ends the session.
 */
class SupportConsoleBrowserTest {
    private static final int CONTROL_REQUEST = 0x15;
    private static final int GRANT = 0x12;
    private static final int SHARING_STATE = 0x16;
    @RegisterExtension
    static final Browsers browsers = new Browsers(1200, 900, 10_000);

    @Test
    void theCustomerIsLetInAtOnceChatsAsksForNothingAndEndsTheSessionByLeaving() throws InterruptedException {
        try (var server = TestServer.start(); var network = new RecordingProxy(server.port())) {
            server.client().registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
            Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
            tina.navigate(server.baseUrl() + "/support.html");
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session")).click();
            assertThat(tina.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String key = tina.locator("#support-key").textContent().replace(" ", "");

            var joined = server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key, "name", "Carla Customer"));
            assertThat(joined.status()).isEqualTo(200);
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            BlockingQueue<SessionEvent> arrivals = new LinkedBlockingQueue<>();
            // Carla's network is a proxy the test can cut
            URI relay = URI.create("ws://127.0.0.1:" + network.port() + joined.json().path("relayPath").asText());
            var connector = SessionClient.connector(relay)
                    .meetingId(UUID.fromString(joined.json().path("sessionId").asText()))
                    .listener(event -> {
                        events.add(event);
                        arrivals.add(event);
                    });
            try (SessionClient carla = connector.connect()) {
                eventually(arrivals, events, "Carla is let in without a click", () -> carla.membership().map(m -> m.includes(carla.id())).orElse(false));
                assertThat(tina.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support for Carla Customer"))).isVisible();
                assertThat(tina.locator("#key-panel")).isHidden();
                assertThat(tina.locator("#people li")).hasCount(2);
                assertThat(tina.locator("#code")).hasText(carla.verificationCode().orElseThrow().text());

                tina.getByLabel("Message").fill("Hello Carla, I am here.");
                tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
                eventually(arrivals, events, "Carla reads Tina", () -> events.stream().anyMatch(e -> e instanceof SessionEvent.ChatReceived c
                        && c.text().equals("Hello Carla, I am here.")));
                carla.sendChat("My printer is broken.");
                assertThat(tina.locator("#chat-log")).containsText("My printer is broken.");

                int tinaId = carla.participants().stream().filter(p -> p.name().equals("Tina Technician")).findFirst().orElseThrow().id();
                // control is offered once the customer says who controls their screen, as the agent does when it learns its members
                assertThat(tina.locator("#request-control")).isHidden();
                carla.sendContent(GRANT, utf8("{\"controller\":null}"), 0);
                tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request control")).click();
                assertThat(tina.locator("#control-request-status")).containsText("You asked to control Carla Customer’s computer.");
                // one question on Carla's screen at a time: no asking again until she answers
                assertThat(tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request control"))).isDisabled();
                eventually(arrivals, events, "Carla's agent is asked for control", () -> events.stream().anyMatch(e -> e instanceof SessionEvent.ContentReceived c
                        && c.kind() == CONTROL_REQUEST && c.body().length == 0 && c.direct() && c.sender() == tinaId));

                carla.sendContent(GRANT, utf8("{\"controller\":" + tinaId + "}"), 0);
                assertThat(tina.locator("#control-request-status")).hasText("Carla Customer let you control their computer.");
                assertThat(tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request control"))).isDisabled();
                carla.sendContent(SHARING_STATE, utf8("{\"paused\":true}"), 0);
                assertThat(tina.locator("#paused-banner")).isVisible();
                shot(tina, "support-console-paused");
                carla.sendContent(SHARING_STATE, utf8("{\"paused\":false}"), 0);
                assertThat(tina.locator("#paused-banner")).isHidden();

                // her network drops: the console says so and waits; her agent comes back with the same ticket
                network.cutAll();
                assertThat(tina.locator("#customer-away")).isVisible();
                assertThat(tina.locator("#customer-away")).containsText("The customer’s connection was lost.");
                shot(tina, "support-console-customer-away");
                try (SessionClient back = connector.connect()) {
                    eventually(arrivals, events, "Carla is let in again without a click",
                            () -> back.membership().map(m -> m.includes(back.id())).orElse(false));
                    assertThat(tina.locator("#customer-away")).isHidden();
                    back.sendContent(GRANT, utf8("{\"controller\":null}"), 0);
                    // control went with the lost connection: it can be asked for again
                    assertThat(tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request control"))).isEnabled();
                    assertThat(tina.locator("#code")).hasText(back.verificationCode().orElseThrow().text());

                    back.leave();
                    assertThat(tina.locator("#ended-title")).hasText("The support session ended");
                    assertThat(tina.locator("#ended-text")).containsText("The customer ended the support session.");
                }
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits, up to 10 s, for the Java customer to reach a state; each event it reports is a moment to look again. */
    private static void eventually(BlockingQueue<SessionEvent> arrivals, List<SessionEvent> events, String what, BooleanSupplier reached)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what + "; events: " + events);
            }
            arrivals.poll(100, TimeUnit.MILLISECONDS);
        }
    }
}
