package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;
import static org.parley.web.ui.MediaProbes.hears;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;

/**
 * Voice, webcams and local recording between two Chromium participants (protocol README §9a),
 * with fake devices: the microphone plays a known tone ({@link ToneFile}), the camera Chromium's
 * moving test pattern. What the receiver hears is measured where it plays — the output of its
 * mixer worklet, tapped by an init script this test adds to the page — as energy at the tone's
 * frequency against the rest of the spectrum.
 */
class MeetingAudioBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final int AUDIO = 0x20;
    private static final int CAMERA = 0x21;
    private static final int STATE = 0x22;
    private static final int MUTE_REQUEST = 0x23;
    private static final int RECORDING = 0x25;
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 15_000, MediaProbes.fakeDevices());

    @Test
    void theReceiverHearsTheToneMuteSilencesItUnmuteBringsItBackAndTheOrganizerCanMuteOthers() throws Exception {
        try (var server = TestServer.start()) {
            Room room = joinBoth(server, "Voice check");
            Page olga = room.olga();
            Page ivan = room.ivan();
            assertThat(ivan.getByRole(AriaRole.BUTTON, exact("Mic off"))).isVisible();

            olga.keyboard().press("Alt+KeyA"); // the toolbar's shortcut for the microphone
            assertThat(olga.getByRole(AriaRole.BUTTON, exact("Mic on"))).hasAttribute("aria-pressed", "true");
            hears(ivan, true);
            Locator olgaOnIvansPage = person(ivan, "Olga Organizer");
            assertThat(olgaOnIvansPage.locator(".mic-badge")).hasText("Mic on");
            assertThat(olgaOnIvansPage.locator(".speaking-badge")).isVisible();
            shot(ivan, "audio-listener");

            olga.getByLabel("Message").pressSequentially("typing");
            olga.getByLabel("Message").press("Alt+KeyA"); // works while typing too
            assertThat(olga.getByLabel("Message")).hasValue("typing");
            hears(ivan, false);
            assertThat(olgaOnIvansPage.locator(".mic-badge")).hasText("Muted");
            assertThat(olgaOnIvansPage.locator(".speaking-badge")).isHidden();
            // her microphone still hears the tone: the page tells her she is muted
            assertThat(olga.locator("#muted-hint")).hasText("You are muted. Turn your microphone on (Alt+A) to be heard.");

            olga.getByRole(AriaRole.BUTTON, exact("Mic off")).click();
            hears(ivan, true);
            // Ivan turns Olga down to nothing, then back up
            Locator volume = ivan.getByRole(AriaRole.SLIDER, new Page.GetByRoleOptions().setName("Volume of Olga Organizer"));
            volume.evaluate("(range, value) => { range.value = value; range.dispatchEvent(new Event('input')); }", "0");
            hears(ivan, false);
            volume.evaluate("(range, value) => { range.value = value; range.dispatchEvent(new Event('input')); }", "100");
            hears(ivan, true);

            // Ivan talks too; the organizer mutes him from the people list, and only he can unmute himself
            ivan.getByRole(AriaRole.BUTTON, exact("Mic off")).click();
            assertThat(person(olga, "Ivan Invitee").locator(".mic-badge")).hasText("Mic on");
            olga.getByRole(AriaRole.BUTTON, exact("Mute Ivan Invitee")).click();
            assertThat(ivan.getByRole(AriaRole.BUTTON, exact("Mic off"))).isVisible();
            assertThat(ivan.locator("#muted-notice")).hasText("Olga Organizer muted your microphone. Turn it back on (Alt+A) to talk again.");
            assertThat(person(olga, "Ivan Invitee").locator(".mic-badge")).hasText("Muted");
            // and once more for everyone: Ivan is muted, the organizer herself is not
            ivan.getByRole(AriaRole.BUTTON, exact("Mic off")).click();
            assertThat(person(olga, "Ivan Invitee").locator(".mic-badge")).hasText("Mic on");
            olga.getByRole(AriaRole.BUTTON, exact("Mute everyone")).click();
            assertThat(person(olga, "Ivan Invitee").locator(".mic-badge")).hasText("Muted");
            assertThat(olga.getByRole(AriaRole.BUTTON, exact("Mic on"))).hasAttribute("aria-pressed", "true");

            // as the attacker: an invitee (a Java client with the invitation link) asks everyone to mute;
            // the chat it sends next arrives after the request, and Olga is still heard
            var events = new LinkedBlockingQueue<SessionEvent>();
            try (SessionClient jan = JavaParticipant.join(server, room.id(), room.janApi(), room.k(), events, event -> { })) {
                JavaParticipant.eventually(events, "Jan let in", () -> jan.membership().map(m -> m.members().size() == 3).orElse(false));
                jan.sendContent(MUTE_REQUEST, new byte[0], 0);
                // and sends nonsense of every media kind: the pages drop it and go on (no error, nothing shown)
                jan.sendContent(AUDIO, new byte[5], 0);
                jan.sendMedia(CAMERA, new byte[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 'v', 'p', '8', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 9}, 0,
                        1 | (1 << 4));
                jan.sendContent(STATE, "{\"mic\":\"shouting\",\"camera\":true}".getBytes(StandardCharsets.UTF_8), 0);
                jan.sendContent(RECORDING, "[true]".getBytes(StandardCharsets.UTF_8), 0);
                jan.sendChat("Jan asked everyone to mute");
                assertThat(olga.locator("#chat-log")).containsText("Jan asked everyone to mute");
                assertThat(ivan.locator("#chat-log")).containsText("Jan asked everyone to mute");
                assertThat(olga.getByRole(AriaRole.BUTTON, exact("Mic on"))).hasAttribute("aria-pressed", "true");
                assertThat(person(olga, "Jan Java").locator(".mic-badge")).hasText("No mic");
                assertThat(olga.locator("#gallery .gallery-tile")).hasCount(0);
                assertThat(olga.locator("#recording-banner")).isHidden();
                hears(ivan, true);

                // Jan speaks (Olga's packets, replayed) and ten of his packets never leave: Ivan's page counts them lost
                @SuppressWarnings("unchecked")
                var encoded = (Map<String, List<Map<String, Object>>>) olga.evaluate("() => window.__encoded");
                List<byte[]> packets = encoded.get("audio").stream().map(c -> Base64.getDecoder().decode((String) c.get("bytes")))
                        .filter(b -> b.length > 2).toList();
                speak(jan, packets, 25);
                spoken += 10;
                speak(jan, packets, 25);
            }
            // leaving sends the last seconds' quality report: the organizer's dashboard shows Ivan's voice and its loss
            ivan.getByRole(AriaRole.BUTTON, exact("Leave")).click();
            var organizerApi = server.client();
            organizerApi.signIn("olga@example.com", PASSWORD);
            var voice = ivansReports(organizerApi, room.id(), "voice", points -> points.stream().mapToInt(p -> p.path("lost").asInt()).sum() >= 10);
            int received = voice.stream().mapToInt(p -> p.path("received").asInt()).sum();
            int lost = voice.stream().mapToInt(p -> p.path("lost").asInt()).sum();
            assertThat(received).as("packets Ivan heard: Jan's 50 and Olga's").isGreaterThan(50);
            assertThat(lost).as("Jan's ten packets never sent").isGreaterThanOrEqualTo(10).isLessThan(received / 10 + 10);
            assertThat(voice).as("delay from capture to arrival, by one machine's clock")
                    .allSatisfy(p -> assertThat(latencyMs(p)).isBetween(0, 5000));
            olga.navigate(server.baseUrl() + "/quality.html?id=" + room.id());
            Locator ivansVoice = olga.locator("#quality-table tbody tr").filter(new Locator.FilterOptions().setHasText("Ivan Invitee"))
                    .filter(new Locator.FilterOptions().setHasText("voice"));
            assertThat(ivansVoice.locator("td").last()).not().hasText("–");
            assertThat(olga.locator("#loss-chart .u-legend")).containsText("Ivan Invitee · voice");
        }
    }

    /** A report's median delay in ms, or -1 when it measured none. */
    private static int latencyMs(com.fasterxml.jackson.databind.JsonNode point) {
        return point.path("latencyMs").isIntegralNumber() ? point.path("latencyMs").asInt() : -1;
    }

    /** Ivan's reports of one kind as the organizer's dashboard gets them, once they show what is awaited (within 10 s). */
    private static List<com.fasterxml.jackson.databind.JsonNode> ivansReports(ApiClient organizer, String id, String kind,
            java.util.function.Predicate<List<com.fasterxml.jackson.databind.JsonNode>> awaited) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            var points = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
            for (var series : organizer.get("/api/v1/meetings/" + id + "/quality/series").json().path("series")) {
                if (series.path("name").asText().equals("Ivan Invitee") && series.path("kind").asText().equals(kind)) {
                    series.path("points").forEach(points::add);
                }
            }
            if (awaited.test(points) || System.nanoTime() > deadline) {
                return points;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aListenerWhoseTabIsInTheBackgroundKeepsHearing() throws Exception {
        try (var server = TestServer.start()) {
            Room room = joinBoth(server, "Background tab");
            Page olga = room.olga();
            Page ivan = room.ivan();
            olga.keyboard().press("Alt+KeyA");
            hears(ivan, true);

            // Ivan's meeting tab goes to the background. Headless Chromium never hides a tab, so the page gets the
            // rules Chromium applies to a hidden one after five minutes ("intensive wake-up throttling"): a timer
            // fires a minute late at best, animation frames not at all. Events (WebSocket messages, decoders,
            // the audio worklet) are not throttled, as in a real background tab.
            ivan.evaluate("""
                    () => {
                      const later = window.setTimeout, every = window.setInterval;
                      window.setTimeout = (fn, ms, ...args) => later(fn, Math.max(ms ?? 0, 60_000), ...args);
                      window.setInterval = (fn, ms, ...args) => every(fn, Math.max(ms ?? 0, 60_000), ...args);
                      window.requestAnimationFrame = () => 0;
                    }""");
            long acksBefore = mediaAcks(ivan);
            Thread.sleep(12_000);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!MediaProbes.toneNow(ivan) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(MediaProbes.toneNow(ivan)).as("the tone still plays in the background tab").isTrue();
            // and the page kept telling the relay it keeps up (50 voice frames a second, at most one ACK per 20 ms):
            // the acknowledgements did not wait for a throttled timer
            assertThat(mediaAcks(ivan) - acksBefore).as("MEDIA_ACKs sent while in the background").isGreaterThan(100);
        }
    }

    /** How many MEDIA_ACK envelopes the page has sent (the init script counts WebSocket sends). */
    private static long mediaAcks(Page page) {
        return ((Number) page.evaluate("() => window.__mediaAcksSent ?? -1")).longValue();
    }

    @Test
    void aRecordingIsSavedLocallyWithTheToneAndEveryoneSeesWhoRecords() throws Exception {
        try (var server = TestServer.start()) {
            Room room = joinBoth(server, "Recorded call");
            Page olga = room.olga();
            Page ivan = room.ivan();
            olga.getByRole(AriaRole.BUTTON, exact("Mic off")).click();
            hears(ivan, true);

            ivan.getByRole(AriaRole.BUTTON, exact("Record")).click();
            assertThat(ivan.locator("#recording-banner")).containsText("You are recording this meeting on their own computer.");
            assertThat(olga.locator("#recording-banner")).containsText("Ivan Invitee is recording this meeting on their own computer.");
            ivan.waitForTimeout(3000);
            Download download = ivan.waitForDownload(() -> ivan.getByRole(AriaRole.BUTTON, exact("Recording")).click());
            assertThat(olga.locator("#recording-banner")).isHidden();
            assertThat(download.suggestedFilename()).startsWith("Recorded call ").endsWith(".webm");
            byte[] file = Files.readAllBytes(download.path());
            assertThat(file.length).as("bytes recorded in 3 s").isGreaterThan(10_000);

            // the file plays back with the tone: decode its audio in the page and measure 440 Hz against 1 kHz
            @SuppressWarnings("unchecked")
            var played = (Map<String, Object>) ivan.evaluate("""
                    async (b64) => {
                      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                      const audio = await new OfflineAudioContext(1, 48000, 48000).decodeAudioData(bytes.buffer);
                      const x = audio.getChannelData(0);
                      const power = (hz) => {
                        let re = 0, im = 0;
                        for (let i = 0; i < x.length; i++) { const p = 2 * Math.PI * hz * i / audio.sampleRate; re += x[i] * Math.cos(p); im += x[i] * Math.sin(p); }
                        return (re * re + im * im) / x.length;
                      };
                      return { seconds: audio.duration, tone: power(440), other: power(1000) };
                    }""", Base64.getEncoder().encodeToString(file));
            assertThat(((Number) played.get("seconds")).doubleValue()).isGreaterThan(2);
            assertThat(((Number) played.get("tone")).doubleValue())
                    .as("energy at 440 Hz against 1 kHz in the saved file: %s", played)
                    .isGreaterThan(100 * ((Number) played.get("other")).doubleValue());
        }
    }

    @Test
    void aCameraIsSeenByTheOtherParticipantAndGoesWhenStopped() throws Exception {
        try (var server = TestServer.start()) {
            Room room = joinBoth(server, "Faces");
            Page olga = room.olga();
            Page ivan = room.ivan();
            olga.getByRole(AriaRole.BUTTON, exact("Camera off")).click();
            assertThat(olga.getByRole(AriaRole.BUTTON, exact("Camera on"))).hasAttribute("aria-pressed", "true");
            assertThat(olga.locator("#gallery .gallery-tile video")).isVisible();

            Locator tile = ivan.locator("#gallery .gallery-tile canvas");
            assertThat(tile).isVisible();
            assertThat(ivan.locator("#gallery .gallery-tile figcaption")).containsText("Olga Organizer");
            String digest = "() => { const c = document.querySelector('#gallery canvas'); const t = new OffscreenCanvas(16, 9).getContext('2d');"
                    + " t.drawImage(c, 0, 0, 16, 9); return { w: c.width, layer: c.dataset.layer, thumb: Array.from(t.getImageData(0, 0, 16, 9).data).join() }; }";
            ivan.waitForFunction("() => document.querySelector('#gallery canvas')?.dataset.layer === 'high'");
            @SuppressWarnings("unchecked")
            var first = (Map<String, Object>) ivan.evaluate(digest);
            ivan.waitForFunction("thumb => (" + digest + ")().thumb !== thumb", first.get("thumb"));
            assertThat(first.get("w")).as("the high layer's width").isEqualTo(640);
            shot(ivan, "camera-viewer");

            // on a phone-sized window the tile is smaller than the low layer: the high layer is no longer decoded
            ivan.setViewportSize(390, 800);
            ivan.waitForFunction("() => document.querySelector('#gallery canvas')?.dataset.layer === 'low'", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
            @SuppressWarnings("unchecked")
            var small = (Map<String, Object>) ivan.evaluate(digest);
            assertThat(small.get("w")).as("the low layer's width").isEqualTo(320);
            ivan.waitForFunction("thumb => (" + digest + ")().thumb !== thumb", small.get("thumb")); // and it still moves
            // wide again: the next key chunk of the high layer is asked for, and the tile is sharp again
            ivan.setViewportSize(1200, 900);
            ivan.waitForFunction("() => document.querySelector('#gallery canvas')?.dataset.layer === 'high'", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));

            olga.getByRole(AriaRole.BUTTON, exact("Camera on")).click();
            assertThat(ivan.locator("#gallery .gallery-tile")).hasCount(0);
            assertThat(ivan.locator("#gallery")).isHidden();

            // Ivan leaves: his page reports the frames it painted and their delay; camera chunks carry no numbers, so no loss
            ivan.getByRole(AriaRole.BUTTON, exact("Leave")).click();
            var organizerApi = server.client();
            organizerApi.signIn("olga@example.com", PASSWORD);
            var camera = ivansReports(organizerApi, room.id(), "camera", points -> !points.isEmpty());
            assertThat(camera).isNotEmpty().allSatisfy(p -> assertThat(p.path("lossPercent").isNull()).as("loss of a camera: unknown, not zero")
                    .isTrue());
            assertThat(camera).filteredOn(p -> p.path("fps").asDouble() > 0).isNotEmpty()
                    .allSatisfy(p -> assertThat(latencyMs(p)).as("capture to paint, by one machine's clock").isBetween(0, 5000));
        }
    }

    @Test
    void aWebinarsAttendeesListenTheirOwnVoiceIsNeitherOfferedNorPlayed() throws Exception {
        try (var server = TestServer.start()) {
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Launch webinar",
                    "startsAt", Instant.now().plusSeconds(300).toString(), "durationMinutes", 60)).json().path("id").asText();
            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.addInitScript(MediaProbes.INIT_SCRIPT);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            String k = olga.getByLabel("Invitation link").inputValue().replaceFirst("^.*#k=", "");

            Page ada = browsers.newPage();
            ada.addInitScript(MediaProbes.INIT_SCRIPT);
            ada.navigate(server.baseUrl() + "/session.html?id=" + id + "&registration=" + registrationToken(server, id, "Ada", "ada@example.com")
                    + "#k=" + k);
            assertThat(ada.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            assertThat(ada.locator("#mic-toggle")).isHidden();
            assertThat(ada.locator("#camera-toggle")).isHidden();

            olga.getByRole(AriaRole.BUTTON, exact("Mic off")).click();
            hears(ada, true);
            olga.waitForFunction("() => window.__encoded.audio.length >= 60"); // a second of her voice, to replay below
            olga.getByRole(AriaRole.BUTTON, exact("Mic on")).click();
            hears(ada, false);

            // as the attacker: a registrant's own client sends real voice (Olga's packets of the tone, replayed)
            @SuppressWarnings("unchecked")
            var encoded = (Map<String, List<Map<String, Object>>>) olga.evaluate("() => window.__encoded");
            List<byte[]> packets = encoded.get("audio").stream().map(c -> Base64.getDecoder().decode((String) c.get("bytes")))
                    .filter(b -> b.length > 2).toList();
            assertThat(packets.size()).as("Opus packets of the tone").isGreaterThan(20);
            // control: the same packets replayed by the organizer's own Java client are heard
            var events = new LinkedBlockingQueue<SessionEvent>();
            try (SessionClient olgasLaptop = JavaParticipant.join(server, id, organizerApi, k, events, event -> { })) {
                JavaParticipant.eventually(events, "Olga's laptop let in", () -> olgasLaptop.membership().map(m -> m.members().size() == 3).orElse(false));
                speak(olgasLaptop, packets, 50);
                hears(ada, true);
            }
            hears(ada, false);

            // as the attacker: a registrant's own client sends the same voice; neither page plays any of it
            try (SessionClient rolf = SessionClient.connector(java.net.URI.create(server.baseUrl().replace("http://", "ws://")
                            + "/api/v1/meetings/" + id + "/relay?registration=" + registrationToken(server, id, "Rolf", "rolf@example.com")))
                    .invitation(org.parley.protocol.keys.InvitationSecret.fromFragment(k))
                    .listener(events::add).connect()) {
                JavaParticipant.eventually(events, "Rolf let in", () -> rolf.membership().map(m -> m.members().size() == 3).orElse(false));
                for (int second = 0; second < 3; second++) {
                    speak(rolf, packets, 50);
                    for (Page page : List.of(olga, ada)) {
                        assertThat(MediaProbes.toneNow(page)).as("a registrant's voice played on a page").isFalse();
                    }
                }
            }
        }
    }

    /** Sends {@code frames} 20 ms voice frames, real time, cycling through {@code packets}. */
    private static void speak(SessionClient client, List<byte[]> packets, int frames) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            byte[] packet = packets.get(i % packets.size());
            var body = java.nio.ByteBuffer.allocate(12 + packet.length).putInt(++spoken).putLong(Instant.now().toEpochMilli() * 1000).put(packet);
            client.sendMedia(AUDIO, body.array(), 0, 8);
            Thread.sleep(Math.max(0, (i + 1) * 20 - (System.nanoTime() - start) / 1_000_000));
        }
    }

    private static int spoken;

    private static String registrationToken(TestServer server, String id, String firstName, String email) {
        var registered = server.client().post("/api/v1/meetings/" + id + "/registrations",
                Map.of("firstName", firstName, "lastName", "Registrant", "email", email));
        assertThat(registered.status()).isEqualTo(201);
        return TestServer.link(server.awaitMail(email, "Registered:"), "/meeting.html").replaceFirst(".*registration=", "");
    }

    /** The two browsers in one meeting, its id and invitation key, and the account of Jan, also invited. */
    private record Room(Page olga, Page ivan, String id, String k, ApiClient janApi) {
    }

    /** Olga (organizer) and Ivan (invitee, by the invitation link) in one meeting, both let in; Jan is invited too. */
    private static Room joinBoth(TestServer server, String subject) {
        var organizerApi = server.client();
        organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
        server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
        var janApi = server.client();
        janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
        String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", subject,
                "invitees", List.of("ivan@example.com", "jan@example.com"))).json().path("id").asText();
        Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
        olga.addInitScript(MediaProbes.INIT_SCRIPT);
        olga.navigate(server.baseUrl() + "/session.html?id=" + id);
        assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
        String invitation = olga.getByLabel("Invitation link").inputValue();
        Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
        ivan.addInitScript(MediaProbes.INIT_SCRIPT);
        ivan.navigate(onTestOrigin(server, invitation));
        ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
        assertThat(ivan.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
        assertThat(olga.locator("#people li")).hasCount(2);
        for (Page page : List.of(olga, ivan)) {
            page.keyboard().press("Alt+KeyU"); // the people panel, beside the chat
            assertThat(page.locator("#people-section")).isVisible();
        }
        return new Room(olga, ivan, id, invitation.replaceFirst("^.*#k=", ""), janApi);
    }

    private static Locator person(Page page, String name) {
        return page.locator("#people li.person").filter(new Locator.FilterOptions().setHasText(name));
    }

    private static Page.GetByRoleOptions exact(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }
}
