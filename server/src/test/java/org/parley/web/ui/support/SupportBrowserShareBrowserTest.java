package org.parley.web.ui.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;
import static org.parley.web.ui.support.Pages.PASSWORD;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.consent.Question;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.web.ui.Browsers;

/**
 * Issue 15: support with nothing installed. The customer opens the technician's link, connects from
 * the browser (the key is redeemed as the agent redeems it), is asked in the agent's words, shares
 * a tab, and the technician sees it move with the same verification code and chat both ways — but
 * is offered no control, and a technician page changed to send control requests and input anyway
 * gets nothing back. Declining the technician ends the session, as in the agent.
 */
class SupportBrowserShareBrowserTest {
    private static final int INPUT = 0x11;
    private static final int GRANT = 0x12;
    private static final int VIDEO = 0x14;
    private static final int CONTROL_REQUEST = 0x15;
    /** Headless Chromium: getDisplayMedia is granted at once and captures synthetic moving frames. */
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000,
            List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"), List.of());

    /**
     * What a page's {@code Session} hears, for the test to look at, and the session itself as
     * {@code window.__session} — the handle a hostile technician who changed their page would have.
     */
    private static final String WATCH_SESSION = """
            (() => {
              const add = EventTarget.prototype.addEventListener;
              window.__heard = [];
              EventTarget.prototype.addEventListener = function (type, listener, options) {
                if (this.constructor?.name === 'Session' && window.__session !== this) {
                  window.__session = this;
                  add.call(this, 'content', (e) => {
                    if (e.detail.kind !== 0x14) window.__heard.push({ from: e.detail.from, kind: e.detail.kind });
                  });
                }
                return add.call(this, type, listener, options);
              };
            })();""";

    /** A digest of the technician's canvas: its size and a 32×18 thumbnail. */
    private static final String CANVAS_DIGEST = """
            () => {
              const c = document.getElementById('screen-canvas');
              if (c.width === 0) return null;
              const t = new OffscreenCanvas(32, 18).getContext('2d');
              t.drawImage(c, 0, 0, 32, 18);
              return { width: c.width, thumb: Array.from(t.getImageData(0, 0, 32, 18).data).join(',') };
            }""";

    @Test
    void theCustomerSharesFromTheBrowserAndTheTechnicianSeesItButCannotControlIt() {
        try (var server = TestServer.start()) {
            Page tina = technicianWithSession(server);
            Page carla = customerConnects(server, tina);

            // the agent's question, in its words, naming the key the technician's console shows
            assertThat(carla.locator("#consent-sentence")).hasText(Question.view("Tina Technician", "").sentence());
            assertThat(carla.locator("#consent-reassurance")).hasText("Nothing is shown until you allow it.");
            String tinaKey = tina.locator("#own-key").textContent();
            assertThat(tinaKey).matches("[0-9a-f]{4}( [0-9a-f]{4}){3}");
            assertThat(carla.locator("#consent-key")).hasText("Their key: " + tinaKey + " (the same as on their screen?)");
            // nothing is shown before the customer allows it
            assertThat(tina.locator("#screen-status")).hasText("No one is sharing their screen.");
            assertThat(carla.locator("#share-status")).hasText("Nothing is shown until you allow everyone in the session.");
            shot(carla, "support-browser-consent");

            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow and choose what to share")).click();
            assertThat(carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop sharing"))).isVisible();
            assertThat(carla.locator("#share-status")).hasText("Sharing your screen with Tina Technician.");

            assertThat(tina.locator("#screen-status")).hasText("Carla Customer is sharing their screen.");
            tina.waitForFunction("() => document.getElementById('screen-canvas').width > 0");
            @SuppressWarnings("unchecked")
            var first = (Map<String, Object>) tina.evaluate(CANVAS_DIGEST);
            tina.waitForFunction("thumb => { const d = (" + CANVAS_DIGEST + ")(); return d !== null && d.thumb !== thumb; }",
                    first.get("thumb"));

            // the same verification code on both ends
            String code = tina.locator("#code").textContent();
            assertThat(code).isNotEqualTo("—");
            assertThat(carla.locator("#code")).hasText(code);

            // no control offered: the console says why, the customer's page says control needs the app
            assertThat(tina.locator("#request-control")).isHidden();
            assertThat(tina.locator("#view-only")).isVisible();
            assertThat(tina.locator("#view-only")).containsText("you can see their screen and chat, but not control it");
            assertThat(carla.locator("#view-only-note")).containsText("a browser cannot give anyone control of your computer");
            assertThat(carla.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("download the Parley agent"))).isVisible();
            shot(tina, "support-browser-console");
            shot(carla, "support-browser-sharing");

            // chat both ways
            tina.getByLabel("Message").fill("Hello Carla, I can see your screen.");
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
            assertThat(carla.locator("#chat-log")).containsText("Hello Carla, I can see your screen.");
            carla.getByLabel("Message").fill("The printer dialog is on the left.");
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
            assertThat(tina.locator("#chat-log")).containsText("The printer dialog is on the left.");

            // a technician page changed to ask for control and send input anyway: the customer's page hears both and answers nothing
            int carlaId = ((Number) carla.evaluate("() => window.__session.you")).intValue();
            tina.evaluate("([to, request, input]) => Promise.all([window.__session.sendContent(request, new Uint8Array(0), { to }),"
                    + " window.__session.sendContent(input, new TextEncoder().encode('{\"t\":\"click\",\"x\":10,\"y\":10}'), { to })])",
                    List.of(carlaId, CONTROL_REQUEST, INPUT));
            carla.waitForFunction("([request, input]) => window.__heard.some((c) => c.kind === request)"
                    + " && window.__heard.some((c) => c.kind === input)", List.of(CONTROL_REQUEST, INPUT));
            // the hidden button, shown and clicked by hand, asks nothing either
            tina.evaluate("() => { const b = document.getElementById('request-control'); b.hidden = false; b.disabled = false; b.click(); }");
            carla.evaluate("() => window.__session.settled()");
            tina.waitForTimeout(500);
            assertThat(((Number) carla.evaluate("k => window.__heard.filter((c) => c.kind === k).length", CONTROL_REQUEST)).intValue())
                    .as("control requests that reached the customer").isEqualTo(1);
            assertThat(((Number) tina.evaluate("k => window.__heard.filter((c) => c.kind === k).length", GRANT)).intValue())
                    .as("grants the customer's page sent").isZero();
            assertThat(carla.locator("#consent")).isHidden();
            assertThat(tina.locator("#control-banner")).isHidden();
            assertThat(carla.locator("#share-status")).hasText("Sharing your screen with Tina Technician.");

            // stopping the share clears the technician's stage at once; ending the session ends it for both
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop sharing")).click();
            assertThat(tina.locator("#screen-status")).hasText("Carla Customer stopped sharing their screen.");
            assertThat(carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share my screen"))).isFocused();
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End session")).click();
            assertThat(carla.locator("#browser-ended-text")).hasText("You ended the support session. Your screen is no longer shared.");
            assertThat(tina.locator("#ended-title")).hasText("The support session ended");
            assertThat(tina.locator("#ended-text")).containsText("The customer ended the support session.");
        }
    }

    @Test
    void decliningTheTechnicianEndsTheSessionWithNothingShown() {
        try (var server = TestServer.start()) {
            Page tina = technicianWithSession(server);
            String key = tina.locator("#support-key").textContent().replace(" ", "");
            Page carla = customerConnects(server, tina);
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Decline")).click();
            assertThat(carla.locator("#browser-ended-text")).hasText(
                    "You did not allow the technician to see your screen, so the session ended. Nothing was shown.");
            assertThat(tina.locator("#ended-text")).containsText("The customer ended the support session.");
            assertThat(tina.locator("#screen-status")).hasText("No one is sharing their screen.");
            // the browser spent the key as the agent would: it buys nothing a second time
            var again = server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key));
            assertThat(again.status()).isEqualTo(404);
        }
    }

    @Test
    void aColleagueLetInSeesNothingUntilTheCustomerAllowsTheirKey() {
        try (var server = TestServer.start()) {
            Page tina = technicianWithSession(server);
            var colin = server.client();
            colin.registerAndSignIn(server, "Colin", "Colleague", "colin@example.com", PASSWORD);
            Page carla = customerConnects(server, tina);
            carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow and choose what to share")).click();
            assertThat(tina.locator("#screen-status")).hasText("Carla Customer is sharing their screen.");

            UUID sessionId = UUID.fromString(URI.create(tina.url()).getQuery().replace("id=", ""));
            var tinaApi = server.client();
            tinaApi.signIn("tina@example.com", PASSWORD);
            assertThat(tinaApi.post("/api/v1/support-sessions/" + sessionId + "/invite", Map.of("email", "colin@example.com")).status())
                    .isEqualTo(204);
            var video = new AtomicInteger();
            URI relay = URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/support-sessions/" + sessionId + "/relay");
            try (SessionClient colinClient = SessionClient.connector(relay).meetingId(sessionId)
                    .header("Cookie", "parley_session=" + colin.cookie("parley_session").orElseThrow())
                    .listener(event -> {
                        if (event instanceof SessionEvent.ContentReceived content && content.kind() == VIDEO) {
                            video.incrementAndGet();
                        }
                    }).connect()) {
                tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Colin Colleague")).click();
                // Carla is asked about Colin's key; her screen is held back from everyone meanwhile
                assertThat(carla.locator("#consent-sentence")).hasText(Question.view("Colin Colleague", "").sentence());
                assertThat(carla.locator("#share-status")).hasText("Nothing is shown until you allow everyone in the session.");
                carla.waitForTimeout(1500); // her tab keeps moving: frames would have come by now
                assertThat(colinClient.membership().map(m -> m.includes(colinClient.id())).orElse(false)).as("Colin holds the key").isTrue();
                assertThat(video.get()).as("video frames Colin could open before Carla allowed him").isZero();

                carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
                assertThat(carla.locator("#share-status")).hasText("Sharing your screen with Tina Technician, Colin Colleague.");
                carla.waitForCondition(() -> video.get() > 0);
            }
        }
    }

    @Test
    void aBrowserThatCannotShareIsToldSoBeforeTheKeyIsSpent() {
        try (var server = TestServer.start()) {
            Page tina = technicianWithSession(server);
            String key = tina.locator("#support-key").textContent().replace(" ", "");
            Page phone = browsers.newPage();
            phone.addInitScript("delete MediaDevices.prototype.getDisplayMedia");
            phone.navigate(onTestOrigin(server, tina.getByLabel("Customer link").inputValue()));
            assertThat(phone.locator("#browser-unsupported")).isVisible();
            assertThat(phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect from this browser"))).isDisabled();
            assertThat(phone.locator("#command")).containsText(key); // the app is still offered, with the unspent key
            assertThat(server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key)).status()).isEqualTo(200);
        }
    }

    private static Page technicianWithSession(TestServer server) {
        server.client().registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
        Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
        tina.addInitScript(WATCH_SESSION);
        tina.navigate(server.baseUrl() + "/support.html");
        tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session")).click();
        assertThat(tina.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
        return tina;
    }

    private static Page customerConnects(TestServer server, Page tina) {
        String link = tina.getByLabel("Customer link").inputValue();
        Page carla = browsers.newPage();
        carla.addInitScript(WATCH_SESSION);
        carla.navigate(onTestOrigin(server, link));
        assertThat(carla.locator("#browser-offer")).containsText("controlling your computer needs the Parley app");
        carla.getByLabel("Name your technician sees").fill("Carla Customer");
        carla.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect from this browser")).click();
        assertThat(carla.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
        assertThat(tina.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Support for Carla Customer"))).isVisible();
        assertThat(carla.locator("#consent")).isVisible();
        return carla;
    }
}
