package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.JavaParticipant.eventually;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;

/**
 * The meeting is a room: on a laptop the stage fills the window with the chat beside it; on a
 * phone nothing leaves the screen sideways, the toolbar stays in reach and the chat comes over the
 * stage. Alt+H and Alt+U open chat and people, the code is one click away and its button says when
 * it changed, unread messages are counted, and 25 camera tiles fit the stage.
 */
class MeetingRoomLayoutBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final Pattern CODE = Pattern.compile("\\d{4} \\d{4} \\d{4} \\d{4}");
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1280, 800), 10_000);

    @Test
    void theStageFillsTheWindowTheToolbarReachesEverythingAndAPhoneShowsItAllWithoutSidewaysScrolling() throws InterruptedException {
        try (var server = TestServer.start()) {
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            var janApi = server.client();
            janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Room layout review",
                    "invitees", List.of("jan@example.com"))).json().path("id").asText();

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");

            // a laptop: the stage takes most of the window, the chat is open beside it, the page does not scroll
            Locator stage = olga.locator("#stage");
            BoundingBox box = stage.boundingBox();
            assertThat(box.width).isGreaterThan(1280 * 0.6);
            assertThat(box.height).isGreaterThan(800 * 0.7);
            assertThat(olga.getByLabel("Message")).isVisible();
            assertThat(olga.locator("#chat-toggle")).hasAttribute("aria-pressed", "true");
            assertThat(number(olga, "document.documentElement.scrollHeight")).isLessThanOrEqualTo(800);
            assertThat(olga.locator("#stage-people")).containsText("Olga Organizer (you)");
            screenshot(olga, "room-1280-alone");

            // the microphone is offered, off, with its shortcut (MeetingAudioBrowserTest turns it on and off with Alt+A)
            assertThat(olga.locator("#mic-toggle")).isVisible();
            assertThat(olga.locator("#mic-toggle")).hasAttribute("aria-pressed", "false");
            assertThat(olga.locator("#mic-toggle")).hasText("Mic off");
            assertThat(olga.locator("#mic-toggle")).hasAttribute("aria-keyshortcuts", "Alt+A");
            // typing in the chat: letters stay letters
            olga.getByLabel("Message").fill("");
            olga.getByLabel("Message").pressSequentially("ah");
            assertThat(olga.getByLabel("Message")).hasValue("ah");
            olga.getByLabel("Message").fill("");

            // Alt+H closes and opens the chat, Alt+U the people; the buttons say so in words
            olga.keyboard().press("Alt+KeyH");
            assertThat(olga.locator("#chat-section")).isHidden();
            assertThat(olga.locator("#chat-toggle")).hasAttribute("aria-pressed", "false");
            assertThat(olga.locator("#chat-toggle .tool-label")).hasText("Chat");
            olga.keyboard().press("Alt+KeyU");
            assertThat(olga.locator("#people-section")).isVisible();
            assertThat(olga.locator("#people-toggle .tool-label")).hasText("Hide people");
            assertThat(olga.getByLabel("Invitation link")).isVisible();
            olga.keyboard().press("Alt+KeyU");
            assertThat(olga.locator("#people-section")).isHidden();
            assertThat(olga.locator("#side-panel")).isHidden();

            // the code, one click away
            olga.locator("#code-toggle").click();
            assertThat(olga.locator("#code")).isVisible();
            assertThat(olga.locator("#code")).hasText(CODE);
            assertThat(olga.locator("#code-toggle-value")).hasText(olga.locator("#code").textContent());
            olga.keyboard().press("Escape");
            assertThat(olga.locator("#code")).isHidden();

            String k = olga.getByLabel("Invitation link").inputValue().replaceFirst(".*#k=", "");
            var events = new LinkedBlockingQueue<SessionEvent>();
            try (SessionClient jan = JavaParticipant.join(server, id, janApi, k, events, event -> { })) {
                eventually(events, "Jan is let in", () -> jan.membership().map(m -> m.includes(jan.id())).orElse(false));
                // someone joined: a new code, and its button says it changed until it is opened
                assertThat(olga.locator("#code-toggle")).containsText("Code changed");
                assertThat(olga.locator("#code-toggle")).hasClass(Pattern.compile("\\bis-changed\\b"));
                assertThat(olga.locator("#stage-people")).containsText("Jan Java");

                // with the chat closed, what arrives is counted on its button
                jan.sendChat("Can you all hear me?");
                assertThat(olga.locator("#chat-unread")).hasText("1 unread");
                assertThat(olga.locator("#chat-unread")).isVisible();
                screenshot(olga, "room-1280-unread-and-code-changed");
                olga.keyboard().press("Alt+KeyH");
                assertThat(olga.locator("#chat-log")).containsText("Can you all hear me?");
                assertThat(olga.locator("#chat-unread")).isHidden();

                olga.locator("#code-toggle").click();
                assertThat(olga.locator("#code-changed")).isVisible();
                assertThat(olga.locator("#code-toggle")).not().containsText("Code changed");
                screenshot(olga, "room-1280-code");
                olga.keyboard().press("Escape");

                // a phone: no sideways scrolling, the whole toolbar on screen, the chat over the stage and closed again
                olga.setViewportSize(390, 844);
                assertThat(olga.locator("#side-panel")).isHidden();
                assertThat(number(olga, "document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
                assertThat(olga.locator("#toolbar")).isVisible();
                List<Locator> buttons = olga.locator("#toolbar button:visible").all();
                assertThat(buttons).hasSizeGreaterThanOrEqualTo(4);
                for (Locator button : buttons) {
                    BoundingBox b = button.boundingBox();
                    assertThat(b.x).as("left of %s", button.textContent()).isGreaterThanOrEqualTo(0);
                    assertThat(b.x + b.width).as("right of %s", button.textContent()).isLessThanOrEqualTo(390);
                    assertThat(b.y + b.height).as("bottom of %s", button.textContent()).isLessThanOrEqualTo(844);
                }
                screenshot(olga, "room-390-stage");
                olga.locator("#chat-toggle").click();
                assertThat(olga.getByLabel("Message")).isVisible();
                BoundingBox panel = olga.locator("#side-panel").boundingBox();
                assertThat(panel.width).isGreaterThan(390 * 0.9);
                assertThat(number(olga, "document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
                olga.getByLabel("Message").fill("From my phone");
                olga.keyboard().press("Enter");
                assertThat(olga.locator("#chat-log")).containsText("From my phone");
                screenshot(olga, "room-390-chat");
                olga.locator("#chat-toggle").click();
                assertThat(olga.locator("#side-panel")).isHidden();
                olga.locator("#code-toggle").click();
                assertThat(olga.locator("#code")).isVisible();
                assertThat(number(olga, "document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
                screenshot(olga, "room-390-code");
                olga.keyboard().press("Escape");

                // 25 cameras (tiles as the camera code appends them) fit the stage, each 16:9
                showTiles(olga, 25);
                assertTilesFit(olga, 25);
                screenshot(olga, "room-390-gallery-25");
                olga.setViewportSize(1280, 800);
                assertTilesFit(olga, 25);
                screenshot(olga, "room-1280-gallery-25");
                showTiles(olga, 5);
                assertTilesFit(olga, 5);
                screenshot(olga, "room-1280-gallery-5");
                olga.locator("#view-toggle").click();
                assertThat(olga.locator("#view-toggle")).hasText("Speaker view");
                assertThat(olga.locator("#gallery")).hasClass(Pattern.compile("\\bspeaker-view\\b"));
                BoundingBox active = olga.locator("#gallery .is-active").boundingBox();
                BoundingBox other = olga.locator("#gallery .gallery-tile:not(.is-active)").first().boundingBox();
                assertThat(active.width).isGreaterThan(other.width * 2);
                screenshot(olga, "room-1280-speaker");
            }
        }
    }

    private static double number(Page page, String expression) {
        return ((Number) page.evaluate(expression)).doubleValue();
    }

    /** Stands in for the camera code: {@code count} tiles in the gallery, the second one speaking and active. */
    private static void showTiles(Page page, int count) {
        page.evaluate("count => {"
                + "const gallery = document.getElementById('gallery');"
                + "gallery.replaceChildren(...Array.from({ length: count }, (_, i) => {"
                + "  const tile = document.createElement('figure'); tile.className = 'gallery-tile'; tile.dataset.id = String(i + 1);"
                + "  const video = document.createElement('canvas'); video.className = 'tile-video'; video.width = 160; video.height = 90;"
                + "  const g = video.getContext('2d'); g.fillStyle = 'hsl(' + (i * 47 % 360) + ' 45% 35%)'; g.fillRect(0, 0, 160, 90);"
                + "  const name = document.createElement('figcaption'); name.className = 'tile-name'; name.textContent = 'Person ' + (i + 1) + ' ';"
                + "  const mic = document.createElement('span'); mic.className = 'tile-mic'; name.append(mic);"
                + "  tile.append(video, name);"
                + "  if (i === 1 % count) tile.classList.add('is-speaking', 'is-active');"
                + "  return tile; }));"
                + "gallery.hidden = false; }", count);
    }

    private static void assertTilesFit(Page page, int count) {
        Locator tiles = page.locator("#gallery .gallery-tile");
        assertThat(tiles).hasCount(count);
        BoundingBox stage = page.locator("#stage").boundingBox();
        for (int i = 0; i < count; i++) {
            BoundingBox t = tiles.nth(i).boundingBox();
            assertThat(t.x).as("tile %d left", i).isGreaterThanOrEqualTo(stage.x);
            assertThat(t.y).as("tile %d top", i).isGreaterThanOrEqualTo(stage.y);
            assertThat(t.x + t.width).as("tile %d right", i).isLessThanOrEqualTo(stage.x + stage.width + 0.5);
            assertThat(t.y + t.height).as("tile %d bottom", i).isLessThanOrEqualTo(stage.y + stage.height + 0.5);
            assertThat(t.width / t.height).as("tile %d shape", i).isCloseTo(16.0 / 9, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("/tmp", name + ".png")));
    }
}
