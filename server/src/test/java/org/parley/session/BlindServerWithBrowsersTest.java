package org.parley.session;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.web.ui.Browsers;
import org.parley.web.ui.MediaProbes;

/**
 * The server is blind to a session of browsers too. As in {@link BlindServerTest}, the server runs
 * as its own process behind a recording proxy; here the organizer and an invitee sign in and chat
 * from headless Chromium, pages loaded from the proxy's address, and a Java client joins with the
 * invitation link's k and sends chat and binary content. Every message carries the run's markers;
 * the organizer also speaks (Chromium's fake microphone plays a known tone) and shows her camera
 * (its known test pattern), and the invitee hears the tone and sees the picture: the Opus packets
 * and video chunks her encoders made are markers too. Once all have arrived everywhere, the markers
 * are looked for on the wire (the browsers' masked WebSocket frames unmasked), in the log, the
 * database and the server's heap, and found nowhere.
 * The browsers' own memory holds the plaintext by design and is not searched: only the server's is.
 */
class BlindServerWithBrowsersTest {
    private static final String SAID_IN_SESSION = "You are in. Everything here is end-to-end encrypted.";
    @RegisterExtension
    static final Browsers browsers = Browsers.withFakeMedia(1100, 900, 15_000);
    @RegisterExtension
    final ObservedMeeting meeting = new ObservedMeeting();

    @Test
    void noMarkerTypedInBrowsersOrSentFromJavaReachesTheWireTheLogTheDatabaseOrTheHeap(@TempDir Path dataDir, @TempDir Path dumps)
            throws Exception {
        meeting.start(dataDir, "Ivan", "Jan");
        var markers = meeting.markers;
        var server = meeting.server();
        String base = server.baseUrl();
        String id = meeting.id();

        List<String> requested = new CopyOnWriteArrayList<>();
        Page olga = watched(browsers.signedIn(base, "olga@example.com", Accounts.PASSWORD), requested);
        olga.addInitScript(MediaProbes.INIT_SCRIPT);
        olga.navigate(base + "/session.html?id=" + id);
        assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
        String k = olga.getByLabel("Invitation link").inputValue().replaceFirst("^.*#k=", "");

        // the invitation link names the server's public URL; the invitee opens it on the proxy's origin
        Page ivan = watched(browsers.signedIn(base, "ivan@example.com", Accounts.PASSWORD), requested);
        ivan.addInitScript(MediaProbes.INIT_SCRIPT);
        ivan.navigate(base + "/meeting.html?id=" + id + "#k=" + k);
        ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
        assertThat(ivan.locator("#status")).hasText(SAID_IN_SESSION);

        String chat = markers.chat().secret();
        List<String> said = List.of("Olga says " + chat, "Ivan says " + chat, "Jan says " + chat);
        List<String> publicKeys;
        List<Needles> media;
        String heap;
        try (var jan = meeting.join("Jan", InvitationSecret.fromFragment(k), "Jan")) {
            jan.events().await(SessionEvent.EpochChanged.class, e -> e.membership().members().size() == 3, "three members");
            for (Page page : List.of(olga, ivan)) {
                assertThat(page.locator("#people li")).hasCount(3);
                assertThat(page.locator("#code")).hasText(jan.code());
            }

            say(olga, said.get(0));
            say(ivan, said.get(1));
            jan.client().sendContent(RunMarkers.CONTENT_KIND, markers.binaryContent(), 0);
            jan.client().sendChat(said.get(2));
            for (Page page : List.of(olga, ivan)) {
                for (String text : said) {
                    assertThat(message(page, text)).isVisible();
                }
                // the content went before Jan's chat: by now each browser opened it, and dropped nothing
                assertThat(page.locator("#dropped")).isHidden();
            }
            jan.events().awaitCount(SessionEvent.ChatReceived.class, 2, "chat from both browsers");

            // voice and camera: Ivan hears Olga's tone and sees her camera's pattern move
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mic off").setExact(true)).click();
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Camera off").setExact(true)).click();
            MediaProbes.hears(ivan, true);
            ivan.waitForFunction("() => document.querySelector('#gallery canvas')?.dataset.layer !== undefined");
            media = encodedMarkers(olga);
            assertThat(jan.events().chatTexts()).containsExactlyInAnyOrder(said.get(0), said.get(1));
            publicKeys = jan.client().membership().orElseThrow().members().stream().map(jan::publicKeyOf).toList();

            // while everyone is still connected: what the server process holds in memory right now
            heap = server.heap(dumps);
            for (Page page : List.of(olga, ivan)) {
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You left the meeting"))).isVisible();
            }
        }

        var secrets = new java.util.ArrayList<>(markers.said());
        secrets.addAll(media);
        server.stop(heap).assertNoneOf(secrets, markers.subject(), publicKeys);
        assertThat(requested).as("every page, script and WebSocket came through the proxy")
                .isNotEmpty().allMatch(url -> url.startsWith(base + "/") || url.startsWith(base.replace("http:", "ws:") + "/"));
    }

    /**
     * What Olga's encoders made and sent: whole Opus packets of the tone, and from the middle of her
     * camera's key and delta chunks 64 bytes each (a chunk's first bytes are a header every VP8
     * frame of that size shares, so they would prove nothing).
     */
    private static List<Needles> encodedMarkers(Page page) {
        // a slow machine may have encoded only a few camera chunks by the time Ivan sees one: wait for enough
        page.waitForFunction("""
                () => window.__encoded.video.filter(c => atob(c.bytes).length >= 300).length >= 4
                  && window.__encoded.audio.filter(c => atob(c.bytes).length >= 40).length >= 5""");
        @SuppressWarnings("unchecked")
        var encoded = (java.util.Map<String, List<java.util.Map<String, Object>>>) page.evaluate("() => window.__encoded");
        List<Needles> found = new java.util.ArrayList<>();
        var decoder = java.util.Base64.getDecoder();
        encoded.get("audio").stream().map(c -> decoder.decode((String) c.get("bytes"))).filter(b -> b.length >= 40).limit(10)
                .forEach(b -> found.add(Needles.ofBytes("an Opus packet of the tone (" + b.length + " bytes)", b)));
        long voices = found.size();
        encoded.get("video").stream().map(c -> decoder.decode((String) c.get("bytes"))).filter(b -> b.length >= 300).limit(8)
                .forEach(b -> found.add(Needles.ofBytes("64 bytes of a camera chunk", java.util.Arrays.copyOfRange(b, 150, 214))));
        assertThat(voices).as("Opus packets of the tone").isGreaterThanOrEqualTo(5);
        // control: each search form is right, for it finds its bytes where they are in the clear
        var first = decoder.decode((String) encoded.get("audio").stream().filter(c -> decoder.decode((String) c.get("bytes")).length >= 40)
                .findFirst().orElseThrow().get("bytes"));
        assertThat(found.get(0).foundIn("noise" + Needles.bytesAsText(first) + "noise")).isNotEmpty();
        assertThat(found.size() - voices).as("camera chunks").isGreaterThanOrEqualTo(4);
        return found;
    }

    /** The page, with every URL it requests from now on (documents, scripts, fetches, WebSockets) added to {@code requested}. */
    private static Page watched(Page page, List<String> requested) {
        page.onRequest(request -> requested.add(request.url()));
        page.onWebSocket(socket -> requested.add(socket.url()));
        return page;
    }

    private static void say(Page page, String text) {
        page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Everyone"));
        page.getByLabel("Message").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByLabel("Message")).hasValue("");
    }

    private static Locator message(Page page, String text) {
        return page.locator("#chat-log li").filter(new Locator.FilterOptions().setHas(
                page.locator(".text").filter(new Locator.FilterOptions().setHasText(text))));
    }
}
