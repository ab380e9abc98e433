package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.JavaParticipant.eventually;

import com.microsoft.playwright.Page;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.TileEncoder;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.MediaMark;

/**
 * README §12 from the screen view's side: the screen a viewer shows is acknowledged once its worker
 * has decoded it, and the media it does not show (a second presenter while the first is on stage, its
 * video too) is acknowledged at once — so the relay never counts a viewer as behind for pictures it
 * ignores, and the shown presenter keeps reaching it. Garbage a presenter sends is acknowledged too.
 */
class ScreenViewAckBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final int TILES = 0x10;
    private static final int VIDEO = 0x14;
    private static final int W = 320;
    private static final int H = 240;
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000, List.of(), List.of());

    @Test
    void mediaOfAPresenterNotShownIsAcknowledgedAtOnceAndTheShownOneStaysOnStage() throws Exception {
        try (var server = TestServer.start()) {
            var janApi = server.client();
            janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
            var kimApi = server.client();
            kimApi.registerAndSignIn(server, "Kim", "Keller", "kim@example.com", PASSWORD);
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Two presenters",
                    "invitees", List.of("jan@example.com", "kim@example.com"))).json().path("id").asText();
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            var acks = MediaAcks.watch(olga);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String k = olga.getByLabel("Invitation link").inputValue().replaceFirst(".*#k=", "");

            var events = new LinkedBlockingQueue<SessionEvent>();
            try (SessionClient jan = JavaParticipant.join(server, id, janApi, k, events, event -> { });
                 SessionClient kim = JavaParticipant.join(server, id, kimApi, k, events, event -> { });
                 var janEncoder = new TileEncoder();
                 var kimEncoder = new TileEncoder()) {
                eventually(events, "Jan and Kim are let in", () -> jan.membership().map(m -> m.includes(jan.id()) && m.includes(kim.id())).orElse(false));
                send(jan, janEncoder.encode(screen(0x2060e0), true));
                olga.waitForFunction(showing(0x2060e0));
                assertThat(olga.locator("#screen-status")).hasText("Jan Java is sharing their screen.");

                // Kim presents too, tiles and video: not shown while Jan is on stage
                for (int i = 0; i < 5; i++) {
                    send(kim, kimEncoder.encode(screen(0xe02020 + i), true));
                    kim.sendMedia(VIDEO, new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 'v', 'p', '8', 1, 0, 1, 0, 9}, 0, MediaMark.REFRESH_POINT);
                }
                send(jan, janEncoder.encode(screen(0x20e060), false));
                olga.waitForFunction(showing(0x20e060));
                acks.awaitAllAcknowledged(olga);
                assertThat(olga.locator("#screen-status")).hasText("Jan Java is sharing their screen.");
            }
        }
    }

    /** A presenter that sends garbage must not leave the page's count behind: the relay would hold back everyone's media to it. */
    @Test
    void theBrowserAcknowledgesEveryMediaByteItReceivedPaintedOrRefused() throws Exception {
        try (var server = TestServer.start()) {
            var janApi = server.client();
            janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Acks",
                    "invitees", List.of("jan@example.com"))).json().path("id").asText();
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            var acks = MediaAcks.watch(olga);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String k = olga.getByLabel("Invitation link").inputValue().replaceFirst(".*#k=", "");

            var events = new LinkedBlockingQueue<SessionEvent>();
            try (SessionClient jan = JavaParticipant.join(server, id, janApi, k, events, event -> { });
                 var encoder = new TileEncoder()) {
                eventually(events, "Jan is let in", () -> jan.membership().map(m -> m.includes(jan.id())).orElse(false));
                // garbage first: tile bodies no viewer can parse, sealed and sent as screen media
                for (int i = 0; i < 3; i++) {
                    jan.sendMedia(TILES, new byte[] {1, 2, 3, (byte) i}, 0, MediaMark.DROPPABLE);
                }
                send(jan, encoder.encode(screen(0x2060e0), true));
                olga.waitForFunction(showing(0x2060e0));
                acks.awaitAllAcknowledged(olga);
                assertThat(acks.mediaBytes()).as("Jan's media reached the page").isGreaterThan(4 * 14);
            }
        }
    }

    private static Frame screen(int rgb) {
        int[] pixels = new int[W * H];
        Arrays.fill(pixels, rgb);
        return new Frame(W, H, pixels);
    }

    private static void send(SessionClient presenter, List<byte[]> parts) {
        for (int part = 0; part < parts.size(); part++) {
            presenter.sendMedia(TILES, parts.get(part), 0, part == 0 ? MediaMark.REFRESH_POINT : 0);
        }
    }

    private static String showing(int rgb) {
        return "() => { const c = document.getElementById('screen-canvas');"
                + " if (c.width !== " + W + ") return false;"
                + " const d = c.getContext('2d').getImageData(5, 5, 1, 1).data;"
                + " return ((d[0] << 16) | (d[1] << 8) | d[2]) === " + rgb + "; }";
    }
}
