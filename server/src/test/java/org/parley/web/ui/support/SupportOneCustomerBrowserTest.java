package org.parley.web.ui.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.support.Pages.PASSWORD;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketFrame;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.parley.session.RecordingProxy;
import org.parley.web.ui.Browsers;

/**
 * The console lets in one customer, the one the support key vouches for, as a hostile server would
 * test it: the server (here, a route between the console and the relay that rewrites the roster)
 * calls an invited colleague {@code customer} while the real customer is in. The console does not
 * let them in: they wait, with a warning, until the technician clicks Admit. Once the real
 * customer's connection is gone, their agent coming back is let in without a click again.
 */
class SupportOneCustomerBrowserTest {
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final String IMPOSTOR = "Colin Colleague";
    @RegisterExtension
    static final Browsers browsers = new Browsers(1200, 900, 10_000);

    @Test
    void aSecondPersonTheServerCallsTheCustomerWaitsWithAWarning() {
        try (var server = TestServer.start(); var network = new RecordingProxy(server.port())) {
            var tinaApi = server.client();
            tinaApi.registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
            var colin = server.client();
            colin.registerAndSignIn(server, "Colin", "Colleague", "colin@example.com", PASSWORD);
            Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
            tina.routeWebSocket(Pattern.compile(".*/relay(\\?.*)?$"), SupportOneCustomerBrowserTest::callColinTheCustomer);
            tina.navigate(server.baseUrl() + "/support.html");
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session")).click();
            assertThat(tina.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            assertThat(tina.locator("#own-key")).hasText(Pattern.compile("[0-9a-f]{4}( [0-9a-f]{4}){3}"));
            String key = tina.locator("#support-key").textContent().replace(" ", "");
            UUID sessionId = UUID.fromString(URI.create(tina.url()).getQuery().replace("id=", ""));

            var joined = server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key, "name", "Carla Customer"));
            var carlaRelay = URI.create("ws://127.0.0.1:" + network.port() + joined.json().path("relayPath").asText());
            var carlaConnector = SessionClient.connector(carlaRelay).meetingId(sessionId);
            try (SessionClient carla = carlaConnector.connect()) {
                assertThat(tina.locator("#people li")).hasCount(2);
                assertThat(tina.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support for Carla Customer"))).isVisible();

                assertThat(tinaApi.post("/api/v1/support-sessions/" + sessionId + "/invite", Map.of("email", "colin@example.com"))
                        .status()).isEqualTo(204);
                try (SessionClient impostor = relay(server, sessionId, colin)) {
                    assertThat(tina.locator("#second-customer")).isVisible();
                    assertThat(tina.locator("#second-customer")).hasText("A second person says they are the customer ("
                            + IMPOSTOR + "). Admit only if you expect them.");
                    assertThat(tina.locator("#waiting li")).hasCount(1);
                    assertThat(tina.locator("#waiting li")).containsText(IMPOSTOR);
                    // ordering barrier: Carla's chat comes after the arrival; once it shows, any admission would have been made
                    carla.sendChat("Is anyone else here?");
                    assertThat(tina.locator("#chat-log")).containsText("Is anyone else here?");
                    assertThat(tina.locator("#people li")).hasCount(2);
                    assertThat(impostor.membership()).as("the second 'customer' holds no key").isEmpty();

                    // the technician decides: Admit lets them in, and the warning goes
                    tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit " + IMPOSTOR)).click();
                    assertThat(tina.locator("#people li")).hasCount(3);
                    assertThat(tina.locator("#second-customer")).isHidden();

                    // Carla's network drops; her agent comes back under a new id and is let in without a click,
                    // although someone else the server calls the customer is still here
                    network.cutAll();
                    assertThat(tina.locator("#customer-away")).isVisible();
                    try (SessionClient back = carlaConnector.connect()) {
                        assertThat(tina.locator("#people li")).hasCount(3);
                        assertThat(tina.locator("#customer-away")).isHidden();
                        assertThat(tina.locator("#second-customer")).isHidden();
                        assertThat(tina.locator("#people li[data-id=\"" + back.id() + "\"]")).containsText("Carla Customer");
                    }
                }
            }
        }
    }

    private static SessionClient relay(TestServer server, UUID sessionId, ApiClient as) {
        URI relay = URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/support-sessions/" + sessionId + "/relay");
        return SessionClient.connector(relay).meetingId(sessionId)
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow()).connect();
    }

    /** The hostile server: passes everything on, but the console reads Colin's roster entry with the role {@code customer}. */
    private static void callColinTheCustomer(WebSocketRoute page) {
        WebSocketRoute relay = page.connectToServer();
        page.onMessage(frame -> forward(frame, relay));
        relay.onMessage(frame -> {
            if (frame.binary() != null) {
                page.send(relabelled(frame.binary()));
            } else {
                page.send(frame.text());
            }
        });
    }

    private static void forward(WebSocketFrame frame, WebSocketRoute to) {
        if (frame.binary() != null) {
            to.send(frame.binary());
        } else {
            to.send(frame.text());
        }
    }

    private static byte[] relabelled(byte[] bytes) {
        Envelope envelope = CODEC.decode(ByteBuffer.wrap(bytes));
        String json = new String(envelope.payloadBytes(), StandardCharsets.UTF_8);
        if (envelope.type() != MessageType.ROSTER || !json.contains("\"name\":\"" + IMPOSTOR + "\"")) {
            return bytes;
        }
        byte[] forged = json.replace("\"role\":\"technician\"", "\"role\":\"customer\"").getBytes(StandardCharsets.UTF_8);
        ByteBuffer encoded = CODEC.encode(Envelope.of(envelope.type(), envelope.sender(), envelope.recipient(), forged));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        return out;
    }
}
