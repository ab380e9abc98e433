package org.parley.web.ui.machines;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.machines.MachinesBrowserTest.button;
import static org.parley.web.ui.machines.MachinesBrowserTest.computer;
import static org.parley.web.ui.machines.MachinesBrowserTest.connectionRows;
import static org.parley.web.ui.machines.MachinesBrowserTest.enrol;
import static org.parley.web.ui.machines.MachinesBrowserTest.fact;
import static org.parley.web.ui.machines.MachinesBrowserTest.manage;
import static org.parley.web.ui.Browsers.shot;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.access.ConfirmedEpochs;
import org.parley.protocol.client.SessionClient;
import org.parley.web.ui.Browsers;

/**
 * Remote access from the browser (issue spec §10): Connect, the computer's access password checked
 * by the computer itself through the SRP handshake, then its screen to see and control. The
 * password never leaves the browser in any request or WebSocket frame, and an agent that cannot
 * prove it knows the password is never shown nor given a keystroke — nor is anything sealed with a
 * key the computer did not confirm with the handshake's K (protocol README §10), such as a relay's own.
 */
class RemoteAccessBrowserTest {
    private static final String UNPROVEN = ConfirmedEpochs.UNPROVEN;
    // the page waits 5 s for an epoch's confirm; the default of 5 s to see the outcome is too short
    private static final LocatorAssertions.IsFocusedOptions AFTER_THE_WAIT_FOR_A_CONFIRM =
            new LocatorAssertions.IsFocusedOptions().setTimeout(ConfirmedEpochs.WAIT.toMillis() + 5_000);
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final String ACCESS_PASSWORD = "Blue lagoon at 7 o’clock";
    @RegisterExtension
    static final Browsers browsers = new Browsers(1200, 900, 10_000);

    @Test
    void ownerUnlocksHerComputerWithItsAccessPasswordThenSeesAndControlsItsScreen() throws Exception {
        try (var server = TestServer.start()) {
            var olgaApi = server.client();
            olgaApi.registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            var machine = approved(server, olgaApi, "Office PC");
            try (var agent = FakeAgent.start(server, machine.id(), machine.token(), ACCESS_PASSWORD)) {
                awaitOnline(olgaApi, machine.id());
                Page olga = browsers.signedIn(server.baseUrl(), "olga@example.com", PASSWORD);
                List<String> sent = everythingSent(olga);
                olga.navigate(server.baseUrl() + "/machines.html");
                Locator pc = computer(olga, "Office PC");
                assertThat(fact(pc, "Connection")).hasText("Online");
                button(pc, "Connect to Office PC").click();

                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Office PC").setLevel(1))).isVisible();
                Locator password = olga.getByLabel("Access password of this computer");
                assertThat(password).isFocused();
                assertThat(password).hasAttribute("type", "password");
                assertThat(password).hasAttribute("autocomplete", "off");
                assertThat(olga.locator("#remote-status")).hasText("Office PC is online. Enter its access password to connect.");

                password.fill("blue lagoon at 7 o’clock");
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlock")).click();
                assertThat(olga.locator("#password-error")).hasText("The access password is wrong.");
                assertThat(password).isFocused();
                assertThat(password).hasValue("");
                assertThat(olga.locator("#screen-area")).isHidden();
                shot(olga, "remote-access-wrong-password");

                password.fill(ACCESS_PASSWORD);
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlock")).click();
                assertThat(olga.locator("#remote-status")).hasText(Pattern.compile("^Connected to Office PC\\. .*end-to-end encrypted.*"));
                assertThat(olga.locator("#password-form")).isHidden();
                olga.waitForFunction("() => document.getElementById('screen-canvas').width === " + FakeAgent.W);
                assertThat(olga.locator("#control-banner"))
                        .hasText("You are controlling Office PC’s screen — press Esc twice to release focus.");
                shot(olga, "remote-access-connected");

                Locator canvas = olga.locator("#screen-canvas");
                var box = canvas.boundingBox();
                double scale = Math.min(box.width / FakeAgent.W, box.height / FakeAgent.H);
                canvas.click(new Locator.ClickOptions().setPosition((box.width - FakeAgent.W * scale) / 2 + 250.5 * scale,
                        (box.height - FakeAgent.H * scale) / 2 + 100.5 * scale));
                eventually("the click reaches the agent", () -> agent.inputs().stream().anyMatch(e -> e.path("t").asText().equals("up")));
                assertThat(agent.inputs()).filteredOn(e -> e.path("t").asText().equals("down")).singleElement()
                        .satisfies(e -> assertThat(List.of(e.path("x").asInt(), e.path("y").asInt())).containsExactly(250, 100));
                olga.keyboard().type("hello");
                eventually("the typing reaches the agent", () -> typed(agent).equals("hello"));

                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disconnect")).click();
                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You disconnected from Office PC")))
                        .isFocused();

                // again, until the owner pauses access from elsewhere: the relay closes the connection and says why
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect again")).click();
                assertThat(password).isFocused();
                password.fill(ACCESS_PASSWORD);
                password.press("Enter");
                assertThat(olga.locator("#control-banner")).isVisible();
                var paused = olgaApi.patch("/api/v1/machines/" + machine.id(), Map.of("access", "paused"));
                assertThat(paused.status()).as(paused.body()).isEqualTo(200);
                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The connection to Office PC ended")))
                        .isFocused();
                assertThat(olga.locator("#remote-ended-text")).hasText("Access to “Office PC” is paused.");

                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to my computers")).click();
                Locator after = computer(olga, "Office PC");
                assertThat(after.getByRole(AriaRole.HEADING)).isFocused();
                assertThat(fact(after, "Access")).hasText("Paused until you resume it");
                manage(after);
                assertThat(connectionRows(after)).hasCount(2);
                assertThat(connectionRows(after).nth(1)).containsText("Olga Owner");
                assertThat(connectionRows(after).nth(1)).containsText("Connected");

                byte[] secret = ACCESS_PASSWORD.getBytes(StandardCharsets.UTF_8);
                assertThat(sent).as("requests and WebSocket frames the page sent").isNotEmpty()
                        .noneMatch(s -> s.contains(ACCESS_PASSWORD) || s.contains(new String(secret, StandardCharsets.ISO_8859_1)));
                assertThat(agent.failures()).isEmpty();
            }
        }
    }

    @Test
    void anAgentThatCannotProveItKnowsThePasswordIsNeverShownNorGivenAKeystroke() throws Exception {
        try (var server = TestServer.start()) {
            var olgaApi = server.client();
            olgaApi.registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            var machine = approved(server, olgaApi, "Office PC");
            try (var impostor = FakeAgent.impostor(server, machine.id(), machine.token())) {
                awaitOnline(olgaApi, machine.id());
                Page olga = connectAsOlga(server.baseUrl());

                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Office PC did not let you in")))
                        .isFocused();
                assertThat(olga.locator("#remote-ended-text")).containsText("could not prove that it knows the access password");
                assertThat(olga.locator("#screen-area")).isHidden();
                olga.keyboard().type("secret");
                assertThat(impostor.inputs()).isEmpty();
                assertThat(impostor.failures()).isEmpty();
                shot(olga, "remote-access-impostor");
            }
        }
    }

    @Test
    void aKeyTheComputerDoesNotConfirmIsNeverShownNorGivenAKeystrokeAndEndsTheConnection() throws Exception {
        try (var server = TestServer.start()) {
            var olgaApi = server.client();
            olgaApi.registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            var machine = approved(server, olgaApi, "Office PC");
            try (var agent = FakeAgent.start(server, machine.id(), machine.token(), ACCESS_PASSWORD)) {
                // the password check is honest; then a relay's own KEY, its own screen, and a confirm it cannot make right
                agent.keys(FakeAgent.Keys.FORGED);
                awaitOnline(olgaApi, machine.id());
                Page olga = connectAsOlga(server.baseUrl());

                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Disconnected from Office PC")))
                        .isFocused();
                assertThat(olga.locator("#remote-ended-text")).hasText(UNPROVEN);
                assertThat(agent.framesSent()).as("control: the relay's screen was sent").isPositive();
                assertThat(olga.evaluate("() => document.getElementById('screen-canvas').width")).as("nothing drawn").isEqualTo(0);
                assertThat(olga.locator("#screen-area")).isHidden();
                olga.keyboard().type("secret");
                shot(olga, "remote-access-unproven-keys");

                // no confirm at all: the same, once the 5 s for it are over
                agent.keys(FakeAgent.Keys.UNCONFIRMED);
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect again")).click();
                unlock(olga);
                assertThat(olga.locator("#remote-status")).hasText("Password accepted. Office PC is letting you in…");
                assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Disconnected from Office PC")))
                        .isFocused(AFTER_THE_WAIT_FOR_A_CONFIRM);
                assertThat(olga.locator("#remote-ended-text")).hasText(UNPROVEN);
                assertThat(olga.evaluate("() => document.getElementById('screen-canvas').width")).isEqualTo(0);
                assertThat(agent.inputs()).isEmpty();
                assertThat(agent.failures()).isEmpty();
            }
        }
    }

    @Test
    void aNewKeyTheComputerDoesNotConfirmFreezesTheScreenThenEndsTheConnection() throws Exception {
        try (var server = TestServer.start()) {
            var olgaApi = server.client();
            olgaApi.registerAndSignIn(server, "Olga", "Owner", "olga@example.com", PASSWORD);
            var machine = approved(server, olgaApi, "Office PC");
            try (var agent = FakeAgent.start(server, machine.id(), machine.token(), ACCESS_PASSWORD)) {
                awaitOnline(olgaApi, machine.id());
                Page olga = connectAsOlga(server.baseUrl());
                olga.waitForFunction("() => document.getElementById('screen-canvas').width === " + FakeAgent.W);
                assertThat(olga.locator("#control-banner")).isVisible();
                String red = "[224,48,32]";
                assertThat(pixel(olga)).isEqualTo(red);

                // mid-connection, a new epoch with the relay's screen and no confirm
                agent.keys(FakeAgent.Keys.UNCONFIRMED);
                var connect = olgaApi.post("/api/v1/machines/" + machine.id() + "/connect", Map.of());
                assertThat(connect.status()).as(connect.body()).isEqualTo(201);
                URI relay = URI.create(server.baseUrl().replace("http://", "ws://") + connect.json().path("relayPath").asText());
                try (var newcomer = SessionClient.connector(relay).meetingId(machine.id()).timeout(Duration.ofSeconds(10)).connect()) {
                    agent.rekeyAdmitting(newcomer.id());
                    assertThat(olga.locator("#remote-status")).hasText("Checking the connection’s new keys with Office PC…");
                    assertThat(olga.locator("#screen-area")).isHidden();
                    olga.keyboard().type("secret");

                    assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Disconnected from Office PC")))
                            .isFocused(AFTER_THE_WAIT_FOR_A_CONFIRM);
                    assertThat(olga.locator("#remote-ended-text")).hasText(UNPROVEN);
                    assertThat(pixel(olga)).as("the relay's screen was never drawn").isEqualTo(red);
                    assertThat(typed(agent)).isEmpty();
                    assertThat(agent.failures()).isEmpty();
                }
            }
        }
    }

    /** The colour of the remote screen's pixel (10, 10) as {@code [r,g,b]}. */
    private static String pixel(Page page) {
        return String.valueOf(page.evaluate("() => JSON.stringify(Array.from(document.getElementById('screen-canvas')"
                + ".getContext('2d').getImageData(10, 10, 1, 1).data.slice(0, 3)))"));
    }

    record Machine(UUID id, String token) {
    }

    private static Machine approved(TestServer server, ApiClient owner, String name) {
        JsonNode enrolment = enrol(server, name);
        var approved = owner.post("/api/v1/machines/approve", Map.of("pairingCode", enrolment.path("pairingCode").asText()));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return new Machine(UUID.fromString(enrolment.path("id").asText()), enrolment.path("machineToken").asText());
    }

    private static void awaitOnline(ApiClient owner, UUID id) throws InterruptedException {
        eventually("the agent is online", () -> owner.get("/api/v1/machines/" + id).json().path("online").asBoolean());
    }

    /** The bodies of every request and every WebSocket frame the page sends, as text (binary frames as Latin-1). */
    private static List<String> everythingSent(Page page) {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        page.onRequest(request -> {
            sent.add(request.url());
            if (request.postData() != null) {
                sent.add(request.postData());
            }
        });
        page.onWebSocket(socket -> socket.onFrameSent(frame -> sent.add(frame.text() != null ? frame.text()
                : new String(frame.binary(), StandardCharsets.ISO_8859_1))));
        return sent;
    }

    private static String typed(FakeAgent agent) {
        return String.join("", agent.inputs().stream().filter(e -> e.path("t").asText().equals("text"))
                .map(e -> e.path("text").asText()).toList());
    }

    private static void eventually(String what, BooleanSupplier reached) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Olga signs in, opens her computers and answers Connect with the access password. */
    private static Page connectAsOlga(String baseUrl) {
        Page olga = browsers.signedIn(baseUrl, "olga@example.com", PASSWORD);
        olga.navigate(baseUrl + "/machines.html");
        button(computer(olga, "Office PC"), "Connect to Office PC").click();
        unlock(olga);
        return olga;
    }

    private static void unlock(Page page) {
        page.getByLabel("Access password of this computer").fill(ACCESS_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlock")).click();
    }
}
