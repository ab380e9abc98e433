package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;
import static org.parley.web.ui.JavaParticipant.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.TileEncoder;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;
import org.parley.protocol.keys.InputKey;

/**
 * Screen sharing in the session page (protocol README §9): a browser shares its screen as
 * WebCodecs video and another browser sees it move; a desktop agent's zlib tiles (the agent's own
 * TileEncoder, sent by a Java session client) are painted pixel for pixel; the agent's control
 * grant turns clicks and typing on the canvas into input events that reach the agent only while
 * the grant lasts.
 */
class ScreenShareBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final int TILES = 0x10;
    private static final int INPUT = 0x11;
    private static final int GRANT = 0x12;
    private static final int KEYFRAME_REQUEST = 0x13;
    private static final int MONITORS = 0x18;
    private static final int SHOW_MONITOR = 0x19;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headless Chromium: getDisplayMedia is granted at once and captures synthetic moving frames. */
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000,
            List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"), List.of());

    /** A digest of the canvas: its size, a 32×18 thumbnail and how much of it is not black. */
    private static final String CANVAS_DIGEST = """
            () => {
              const c = document.getElementById('screen-canvas');
              if (c.width === 0) return null;
              const t = new OffscreenCanvas(32, 18).getContext('2d');
              t.drawImage(c, 0, 0, 32, 18);
              const d = t.getImageData(0, 0, 32, 18).data;
              let lit = 0;
              for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 48) lit++;
              return { width: c.width, height: c.height, thumb: Array.from(d).join(','), lit };
            }""";

    @Test
    void aBrowserSharesItsScreenAndAnotherBrowserSeesItMove() {
        try (var server = TestServer.start()) {
            String id = meeting(server, "Demo day");
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            // README §12: the clear mark of every MEDIA the presenter sends, as the relay reads it
            var marks = new java.util.concurrent.ConcurrentSkipListSet<Integer>();
            olga.onWebSocket(ws -> ws.onFrameSent(frame -> {
                byte[] bytes = frame.binary();
                if (bytes != null && bytes.length > 14 && bytes[1] == org.parley.protocol.envelope.MessageType.MEDIA.code()) {
                    marks.add(bytes[14] & 0xff);
                }
            }));
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String invitation = olga.getByLabel("Invitation link").inputValue();
            Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivan.navigate(onTestOrigin(server, invitation));
            ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(ivan.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            assertThat(ivan.locator("#screen-status")).hasText("No one is sharing their screen.");

            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share screen")).click();
            assertThat(olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop sharing"))).isVisible();
            assertThat(olga.locator("#screen-status")).containsText("A browser cannot give anyone control of your computer");

            assertThat(ivan.locator("#screen-status")).hasText("Olga Organizer is sharing their screen.");
            ivan.waitForFunction("() => document.getElementById('screen-canvas').width > 0");
            @SuppressWarnings("unchecked")
            var first = (Map<String, Object>) ivan.evaluate(CANVAS_DIGEST);
            ivan.waitForFunction("thumb => { const d = (" + CANVAS_DIGEST + ")(); return d !== null && d.thumb !== thumb; }",
                    first.get("thumb"));
            @SuppressWarnings("unchecked")
            var later = (Map<String, Object>) ivan.evaluate(CANVAS_DIGEST);
            assertThat(later.get("thumb")).as("the picture moves").isNotEqualTo(first.get("thumb"));
            assertThat(((Number) later.get("lit")).intValue()).as("lit thumbnail pixels of 576").isGreaterThan(50);
            assertThat(((Number) later.get("width")).intValue()).isBetween(2, 1920);

            ivan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Statistics")).click();
            assertThat(ivan.locator("#screen-stats")).containsText("fps");
            ivan.waitForFunction("() => /latency ≈/.test(document.getElementById('screen-stats').textContent)");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Statistics")).click();
            ivan.waitForFunction("() => !/^0\\.0 fps/.test(document.getElementById('screen-stats').textContent)");
            // two temporal layers: key chunks start, base-layer deltas may be skipped with a gap, the
            // enhancement layer's without one
            assertThat(olga.locator("#screen-stats")).containsText("L1T2");
            olga.waitForCondition(() -> marks.contains(MediaMark.DROPPABLE | MediaMark.DISCARDABLE) && marks.contains(MediaMark.DROPPABLE));
            assertThat(marks).contains(MediaMark.REFRESH_POINT).isSubsetOf(MediaMark.REFRESH_POINT, MediaMark.DROPPABLE,
                    MediaMark.DROPPABLE | MediaMark.DISCARDABLE);
            System.out.println("viewer: " + ivan.locator("#screen-stats").textContent().replace('\n', ' ')
                    + " | presenter: " + olga.locator("#screen-stats").textContent().replace('\n', ' '));
            shot(ivan, "screen-viewer");
            shot(olga, "screen-presenter");

            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop sharing")).click();
            assertThat(olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share screen"))).isFocused();
            assertThat(olga.locator("#screen-status")).hasText("No one is sharing their screen.");
            // the stop reaches the viewer at once (0x17), well before ten quiet seconds would clear the stage
            assertThat(ivan.locator("#screen-status")).hasText("Olga Organizer stopped sharing their screen.",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(3_000));
            assertThat(ivan.locator("#screen-stage")).isHidden();
        }
    }

    @Test
    void anAgentsTilesArePaintedAndItsGrantTurnsClicksAndTypingIntoInputForTheAgentOnly() throws Exception {
        try (var server = TestServer.start()) {
            var janApi = server.client();
            janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
            String id = meeting(server, "Support call");
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String k = olga.getByLabel("Invitation link").inputValue().replaceFirst(".*#k=", "");

            var events = new LinkedBlockingQueue<SessionEvent>();
            var received = new CopyOnWriteArrayList<SessionEvent.ContentReceived>();
            var chats = new CopyOnWriteArrayList<String>();
            SessionListener listener = event -> {
                if (event instanceof SessionEvent.ContentReceived content) {
                    received.add(content);
                } else if (event instanceof SessionEvent.ChatReceived chat) {
                    chats.add(chat.text());
                }
            };
            try (SessionClient agent = JavaParticipant.join(server, id, janApi, k, events, listener);
                 var encoder = new TileEncoder()) {
                eventually(events, "the agent is let in", () -> agent.membership().map(m -> m.includes(agent.id())).orElse(false));
                int olgaId = agent.participants().stream().filter(p -> p.name().equals("Olga Organizer")).findFirst().orElseThrow().id();

                // frame 0 is never sent: the browser's first message is a delta, so it asks for a keyframe
                int[] screen = quadrants();
                encoder.encode(new Frame(W, H, screen.clone()), true);
                screen[10 * W + 10] = 0x000000;
                send(agent, encoder.encode(new Frame(W, H, screen.clone()), false));
                eventually(events, "a keyframe request from the browser", () -> requests(received, olgaId) == 1);
                assertThat(received).filteredOn(c -> c.kind() == KEYFRAME_REQUEST).first()
                        .satisfies(c -> assertThat(c.direct()).as("sent to the presenter only").isTrue());
                send(agent, encoder.encode(new Frame(W, H, screen.clone()), true));
                assertThat(olga.locator("#screen-status")).hasText("Jan Java is sharing their screen.");
                olga.waitForFunction("() => document.getElementById('screen-canvas').width === " + W);
                waitForPixel(olga, 300, 20, 0x2060e0);
                assertThat(pixel(olga, 20, 20)).isEqualTo(0xe03020);
                assertThat(pixel(olga, 20, 200)).isEqualTo(0x30c050);
                assertThat(pixel(olga, 300, 200)).isEqualTo(0xffffff);
                assertThat(pixel(olga, 10, 10)).isEqualTo(0x000000);
                assertThat(pixel(olga, 0, 0)).isEqualTo(0xe03020);

                // a delta changes one tile only
                for (int y = 128; y < 192; y++) {
                    for (int x = 256; x < 320; x++) {
                        screen[y * W + x] = 0xf0d000;
                    }
                }
                send(agent, encoder.encode(new Frame(W, H, screen.clone()), false));
                waitForPixel(olga, 300, 150, 0xf0d000);
                assertThat(pixel(olga, 255, 150)).isEqualTo(0xffffff);
                assertThat(pixel(olga, 300, 200)).isEqualTo(0xffffff);
                assertThat(pixel(olga, 300, 20)).isEqualTo(0x2060e0);

                // a frame lost on the way: the next one shows a gap in the numbers
                screen[5] = 0x123456;
                encoder.encode(new Frame(W, H, screen.clone()), false);
                screen[6] = 0x654321;
                send(agent, encoder.encode(new Frame(W, H, screen.clone()), false));
                eventually(events, "a second keyframe request, after the gap", () -> requests(received, olgaId) == 2);
                shot(olga, "screen-agent-tiles");

                // the agent's two monitors (0x18): only the participant in control is offered the choice
                agent.sendContent(MONITORS, ("{\"monitors\":[{\"x\":0,\"y\":0,\"w\":320,\"h\":240},"
                        + "{\"x\":320,\"y\":0,\"w\":1280,\"h\":1024}],\"shown\":0}").getBytes(StandardCharsets.UTF_8), 0);
                olga.waitForTimeout(300);
                assertThat(olga.locator("#screen-monitor-choice")).isHidden();

                // the agent gives Olga control: her clicks and typing become input events for the agent
                agent.sendContent(GRANT, "{\"controller\":%d}".formatted(olgaId).getBytes(StandardCharsets.UTF_8), 0);
                assertThat(olga.locator("#control-banner"))
                        .hasText("You are controlling Jan Java’s screen — press Esc twice to release focus.");
                assertThat(olga.getByLabel("Monitor")).isVisible();
                assertThat(olga.getByLabel("Monitor")).hasValue("0");
                assertThat(olga.locator("#screen-monitor option")).hasText(new String[] {"1 (320×240)", "2 (1280×1024)", "All monitors"});
                olga.getByLabel("Monitor").selectOption("-1");
                eventually(events, "the monitor choice (0x19), to the agent only", () -> received.stream()
                        .anyMatch(c -> c.kind() == SHOW_MONITOR && c.sender() == olgaId && c.direct()
                                && new String(c.body(), StandardCharsets.UTF_8).equals("{\"monitor\":-1}")));
                Locator canvas = olga.locator("#screen-canvas");
                double[] at = cssPoint(canvas.boundingBox(), 250, 100);
                canvas.click(new Locator.ClickOptions().setPosition(at[0], at[1]));
                eventually(events, "the click", () -> inputs(agent, received, olgaId).stream().anyMatch(e -> e.path("t").asText().equals("up")));
                assertThat(inputs(agent, received, olgaId)).filteredOn(e -> e.path("t").asText().equals("down")).singleElement()
                        .satisfies(e -> {
                            assertThat(e.path("button").asInt()).isEqualTo(0);
                            assertThat(e.path("x").asInt()).isEqualTo(250);
                            assertThat(e.path("y").asInt()).isEqualTo(100);
                        });
                assertThat(olga.locator("#control-input")).isFocused();
                olga.keyboard().type("Grüße €");
                olga.keyboard().press("Enter");
                eventually(events, "the typing", () -> inputs(agent, received, olgaId).stream()
                        .anyMatch(e -> e.path("t").asText().equals("key") && !e.path("down").asBoolean()));
                String typed = String.join("", inputs(agent, received, olgaId).stream()
                        .filter(e -> e.path("t").asText().equals("text")).map(e -> e.path("text").asText()).toList());
                assertThat(typed).isEqualTo("Grüße €");
                assertThat(keys(agent, received, olgaId)).containsExactly("Enter down", "Enter up");
                assertThat(received).filteredOn(c -> c.kind() == INPUT).allSatisfy(c -> assertThat(c.direct()).isTrue());
                shot(olga, "screen-agent-control");

                // Escape goes to the agent; a second one at once gives the keyboard back to the page
                olga.keyboard().press("Escape");
                olga.keyboard().press("Escape");
                assertThat(olga.locator("#control-input")).not().isFocused();
                assertThat(olga.locator("#control-banner")).containsText("Your keyboard is back on this page");
                eventually(events, "one Escape", () -> keys(agent, received, olgaId).contains("Escape up"));
                assertThat(keys(agent, received, olgaId)).containsExactly("Enter down", "Enter up", "Escape down", "Escape up");

                // revoked: not one more event, and the banner is gone
                agent.sendContent(GRANT, "{\"controller\":null}".getBytes(StandardCharsets.UTF_8), 0);
                assertThat(olga.locator("#control-banner")).isHidden();
                int before = inputs(agent, received, olgaId).size();
                canvas.click(new Locator.ClickOptions().setPosition(at[0], at[1]));
                olga.keyboard().type("x");
                olga.getByLabel("Message").fill("done");
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
                eventually(events, "Olga's chat, sent after the clicks", () -> chats.contains("done"));
                assertThat(inputs(agent, received, olgaId)).hasSize(before);
            }
        }
    }

    private static final int W = 320;
    private static final int H = 240;

    /** Red, blue / green, white quadrants at 160 × 120: tile boundaries (64) fall inside and across them. */
    private static int[] quadrants() {
        int[] pixels = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                pixels[y * W + x] = y < H / 2 ? (x < W / 2 ? 0xe03020 : 0x2060e0) : (x < W / 2 ? 0x30c050 : 0xffffff);
            }
        }
        return pixels;
    }

    private static void send(SessionClient agent, List<byte[]> bodies) {
        assertThat(bodies).isNotEmpty();
        bodies.forEach(body -> agent.sendContent(TILES, body, 0));
    }

    private static long requests(List<SessionEvent.ContentReceived> received, int from) {
        return received.stream().filter(c -> c.kind() == KEYFRAME_REQUEST && c.sender() == from).count();
    }

    /**
     * The input events {@code from} sent to {@code agent}, each checked as a desktop agent checks it
     * (README §9.1): its tag verifies under the pair's input key for the epoch its frame was sealed in,
     * and the sequence numbers rise by one from 1 in the order the events arrived.
     */
    private static List<JsonNode> inputs(SessionClient agent, List<SessionEvent.ContentReceived> received, int from) {
        InputKey key = agent.inputKey(agent.id(), from);
        List<InputKey.Event> events = received.stream().filter(c -> c.kind() == INPUT && c.sender() == from)
                .map(c -> key.open(c.epoch(), c.body()).orElseThrow(() -> new AssertionError(
                        "a 0x11 body from " + from + " does not verify under our input key for epoch " + c.epoch())))
                .toList();
        assertThat(events).extracting(InputKey.Event::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        return events.stream().map(e -> {
            try {
                return JSON.readTree(e.json());
            } catch (java.io.IOException failed) {
                throw new AssertionError("0x11 is not JSON: " + new String(e.json(), StandardCharsets.UTF_8), failed);
            }
        }).toList();
    }

    private static List<String> keys(SessionClient agent, List<SessionEvent.ContentReceived> received, int from) {
        return inputs(agent, received, from).stream().filter(e -> e.path("t").asText().equals("key"))
                .map(e -> e.path("code").asText() + (e.path("down").asBoolean() ? " down" : " up")).toList();
    }

    /** Where screen pixel (x, y) is drawn inside the canvas element (object-fit: contain letterboxes it). */
    private static double[] cssPoint(BoundingBox box, int x, int y) {
        double scale = Math.min(box.width / W, box.height / H);
        double left = (box.width - W * scale) / 2;
        double top = (box.height - H * scale) / 2;
        return new double[] {left + (x + 0.5) * scale, top + (y + 0.5) * scale};
    }

    private static int pixel(Page page, int x, int y) {
        return ((Number) page.evaluate("([x, y]) => { const d = document.getElementById('screen-canvas').getContext('2d')"
                + ".getImageData(x, y, 1, 1).data; return (d[0] << 16) | (d[1] << 8) | d[2]; }", List.of(x, y))).intValue();
    }

    private static void waitForPixel(Page page, int x, int y, int rgb) {
        page.waitForFunction("([x, y, rgb]) => { const d = document.getElementById('screen-canvas').getContext('2d')"
                + ".getImageData(x, y, 1, 1).data; return ((d[0] << 16) | (d[1] << 8) | d[2]) === rgb; }", List.of(x, y, rgb));
    }

    private static String meeting(TestServer server, String subject) {
        var organizerApi = server.client();
        organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
        server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
        return organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", subject,
                "invitees", List.of("ivan@example.com", "jan@example.com"))).json().path("id").asText();
    }
}
