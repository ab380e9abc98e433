package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.JavaParticipant.eventually;

import com.microsoft.playwright.Page;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.TileEncoder;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.envelope.MessageType;

/**
 * Protocol README §12, "Acknowledgements": the browser tells the relay, in MEDIA_ACKs, how many
 * bytes of MEDIA it has finished with — what it painted and what it threw away alike. A presenter
 * that sends garbage must not be able to leave a viewer's count behind (the relay would then hold
 * back everyone's media to it as if it were slow).
 */
class MediaAckBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final int TILES = 0x10;
    private static final int W = 320;
    private static final int H = 240;
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000, List.of(), List.of());

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
            var mediaBytes = new AtomicLong();
            var acks = new CopyOnWriteArrayList<Long>();
            olga.onWebSocket(ws -> {
                ws.onFrameReceived(frame -> {
                    byte[] bytes = frame.binary();
                    if (bytes != null && bytes.length > 1 && bytes[1] == MessageType.MEDIA.code()) {
                        mediaBytes.addAndGet(bytes.length);
                    }
                });
                ws.onFrameSent(frame -> {
                    byte[] bytes = frame.binary();
                    if (bytes != null && bytes.length > 1 && bytes[1] == MessageType.MEDIA_ACK.code()) {
                        assertThat(bytes).hasSize(14 + 8);
                        acks.add(ByteBuffer.wrap(bytes, 14, 8).getLong());
                    }
                });
            });
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
                int[] screen = new int[W * H];
                java.util.Arrays.fill(screen, 0x2060e0);
                List<byte[]> key = encoder.encode(new Frame(W, H, screen), true);
                for (int part = 0; part < key.size(); part++) {
                    jan.sendMedia(TILES, key.get(part), 0, part == 0 ? MediaMark.REFRESH_POINT : 0);
                }
                olga.waitForFunction("() => { const c = document.getElementById('screen-canvas');"
                        + " if (c.width !== " + W + ") return false;"
                        + " const d = c.getContext('2d').getImageData(5, 5, 1, 1).data;"
                        + " return ((d[0] << 16) | (d[1] << 8) | d[2]) === 0x2060e0; }");
                olga.waitForCondition(() -> !acks.isEmpty() && acks.getLast() == mediaBytes.get(),
                        new Page.WaitForConditionOptions().setTimeout(10_000));
                assertThat(mediaBytes.get()).as("Jan's media reached the page").isGreaterThan(4 * 14);
                assertThat(acks).as("the count never goes back").isSorted();
            }
        }
    }
}
