package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.Main;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.web.ui.Browsers;

/**
 * The desktop agent and a browser end to end: the agent presents an Xvfb screen showing the
 * pattern window, a person in headless Chromium joins with the invitation link, sees the pattern on
 * the canvas, is granted control, clicks into the window and types; after the presenter's
 * {@code --revoke-after} their clicks and typing no longer reach it.
 */
class AgentToBrowserTest {
    private static final String PASSWORD = ScreenSharingTest.PASSWORD;
    private static final int SCREEN_WIDTH = 1920;
    private static final int SCREEN_HEIGHT = 1080;
    // long enough for a loaded CI machine to click and type first; the test waits for the revocation anyway
    private static final int REVOKE_AFTER_SECONDS = 20;
    private static final double TIMEOUT_MILLIS = Child.DEADLINE.toMillis();
    @RegisterExtension
    static final Browsers browsers = new Browsers(1600, 1000, TIMEOUT_MILLIS);

    /** The canvas pixels at the given canvas positions, as 0xRRGGBB. */
    private static final String PIXELS = """
            points => { const c = document.getElementById('screen-canvas');
              if (c.width === 0) return [];
              const g = c.getContext('2d');
              return points.map(([x, y]) => {
                const d = g.getImageData(x, y, 1, 1).data;
                return (d[0] << 16) | (d[1] << 8) | d[2];
              }); }""";

    @Test
    void aBrowserSeesTheAgentsScreenControlsItWhileGrantedAndNotAfterRevocation() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        InvitationSecret k = InvitationSecret.random(new SecureRandom());
        Path record = Files.createTempFile("parley-record", ".txt");
        try (var xvfb = Xvfb.start(); var server = TestServer.start()) {
            var olga = server.client();
            olga.registerAndSignIn(server, "Olga", "Tester", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Tester", "ivan@example.com", PASSWORD);
            String meetingId = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Agent to browser",
                    "invitees", List.of("ivan@example.com"))).json().path("id").asText();
            String link = server.baseUrl() + "/meeting.html?id=" + meetingId + "#k=" + k.toFragment();
            try (var desktop = Child.start(xvfb, Map.of(), TestDesktop.class, "pattern", record.toString())) {
                desktop.awaitLine("the pattern window", "ready"::equals);
                // Ivan comes first: the presenter names his key (as his page shows it), never his name
                Page ivan = browsers.signedIn(server.baseUrl(), "ivan@example.com", PASSWORD);
                ivan.navigate(link);
                ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
                PlaywrightAssertions.assertThat(ivan.locator("#own-key")).hasText(Pattern.compile("[0-9a-f]{4}( [0-9a-f]{4}){3}"));
                String ivansKey = ivan.locator("#own-key").textContent();
                try (var agent = Child.start(xvfb, Map.of("PARLEY_AGENT_PASSWORD", PASSWORD), Main.class, "present",
                        "--meeting", link, "--email", "olga@example.com", "--allow-control", ivansKey,
                        "--revoke-after", String.valueOf(REVOKE_AFTER_SECONDS))) {
                    // the agent starts the session key and lets Ivan in by his link's proof
                    int agentId = number(agent.awaitLine("the agent's join", line -> line.startsWith("joined as participant ")),
                            "joined as participant (\\d+)");
                    agent.awaitLine("the start of sharing", line -> line.startsWith("sharing this screen"));

                    // the pattern arrives end-to-end encrypted and is painted on the canvas
                    awaitPattern(ivan);

                    // granted control: a click on the canvas lands on the same point of the Xvfb screen
                    int ivanId = number(agent.awaitLine("the grant", line -> line.startsWith("Ivan Tester (participant ")
                            && line.endsWith(") is in control")), "Ivan Tester \\(participant (\\d+)\\)");
                    int ivanEpoch = number(agent.awaitLine("Ivan's admission", line -> line.matches(
                            "epoch \\d+: members \\[" + Math.min(agentId, ivanId) + ", " + Math.max(agentId, ivanId) + "], .*")),
                            "epoch (\\d+)"); // members in id order (protocol §8), as both keyholders list them
                    Locator banner = ivan.locator("#control-banner");
                    banner.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
                    assertThat(banner.textContent()).startsWith("You are controlling Olga Tester’s screen");
                    int x = TestDesktop.WINDOW.x + 200;
                    int y = TestDesktop.WINDOW.y + 200; // in the text area, below the blocks
                    clickScreen(ivan, x, y);
                    String press = ScreenSharingTest.awaitRecord(record, "Ivan's click", line -> line.startsWith("press "));
                    int[] pressed = Arrays.stream(press.split(" ")).skip(1).mapToInt(Integer::parseInt).toArray();
                    assertThat(pressed[0]).as("x of the click on the screen").isCloseTo(x, Offset.offset(2));
                    assertThat(pressed[1]).as("y of the click on the screen").isCloseTo(y, Offset.offset(2));
                    assertThat(pressed[2]).as("the button").isEqualTo(1);

                    // typing, ASCII and not, arrives as text in the window
                    assertThat(ivan.locator("#control-input").evaluate("e => e === document.activeElement")).isEqualTo(true);
                    ivan.keyboard().type("Grüße €");
                    ScreenSharingTest.awaitRecord(record, "Ivan's typing", "text Grüße €");

                    // the presenter's --revoke-after ends control; later clicks and typing reach nothing
                    agent.awaitLine("the revocation", line -> line.startsWith("control revoked (--revoke-after "
                            + REVOKE_AFTER_SECONDS + " s): participant " + ivanId + " "));
                    banner.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
                    List<String> recorded = Files.readAllLines(record, StandardCharsets.UTF_8);
                    clickScreen(ivan, x + 150, y + 50);
                    ivan.keyboard().type("too late");
                    // ordering barrier: Ivan leaves over the same connection; once the agent has handled his
                    // departure it has handled everything he sent before, and an ignored event is logged at once
                    ivan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
                    Pattern alone = Pattern.compile("epoch (\\d+): members \\[" + agentId + "], .*");
                    agent.awaitLine("the epoch after Ivan left", line -> {
                        Matcher m = alone.matcher(line);
                        return m.matches() && Integer.parseInt(m.group(1)) > ivanEpoch;
                    });
                    assertThat(Files.readAllLines(record, StandardCharsets.UTF_8))
                            .as("what the window received after the revocation").isEqualTo(recorded);
                    assertThat(agent.lines()).as("the browser sent nothing once revoked")
                            .noneMatch(line -> line.startsWith("input from participant " + ivanId + " ignored"));

                    assertThat(agent.stop()).as("the JVM's status after SIGTERM, once its shutdown hook has run").isEqualTo(143);
                    assertThat(agent.lines()).anyMatch(line -> line.matches(
                            "remote control: \\d+ events applied, 0 ignored \\(not from the controller\\), "
                                    + "0 unauthenticated \\(bad tag or replay\\), 0 refused \\(malformed\\)"));
                    assertThat(Files.readAllLines(record, StandardCharsets.UTF_8)).isEqualTo(recorded);
                }
            }
        }
    }

    /** Polls the canvas until the centre of each block has the block's colour, at the canvas's scale. */
    static void awaitPattern(Page page) throws InterruptedException {
        long deadline = System.nanoTime() + Child.DEADLINE.toNanos();
        List<Integer> expected = Arrays.stream(TestDesktop.BLOCKS).boxed().toList();
        List<?> seen = List.of();
        while (true) {
            var size = (Map<?, ?>) page.evaluate("() => { const c = document.getElementById('screen-canvas');"
                    + " return { width: c.width, height: c.height }; }");
            int width = ((Number) size.get("width")).intValue();
            int height = ((Number) size.get("height")).intValue();
            if (width > 0) {
                List<List<Integer>> points = new ArrayList<>();
                for (int i = 0; i < TestDesktop.BLOCKS.length; i++) {
                    points.add(List.of(TestDesktop.blockCentreX(i) * width / SCREEN_WIDTH,
                            TestDesktop.blockCentreY() * height / SCREEN_HEIGHT));
                }
                seen = (List<?>) page.evaluate(PIXELS, points);
                if (seen.stream().map(p -> ((Number) p).intValue()).toList().equals(expected)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the canvas (" + width + "×" + height + ") did not show the pattern "
                        + hex(expected) + " within " + Child.DEADLINE + "; it showed " + hex(seen));
            }
            Thread.sleep(50);
        }
    }

    /** Clicks where screen pixel (x, y) is drawn in the canvas (scaled to its box, letterboxed by object-fit: contain). */
    static void clickScreen(Page page, int x, int y) {
        Locator canvas = page.locator("#screen-canvas");
        BoundingBox box = canvas.boundingBox();
        var size = (Map<?, ?>) canvas.evaluate("c => ({ width: c.width, height: c.height })");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        double scale = Math.min(box.width / width, box.height / height);
        double left = (box.width - width * scale) / 2;
        double top = (box.height - height * scale) / 2;
        double canvasX = (x + 0.5) * width / SCREEN_WIDTH;
        double canvasY = (y + 0.5) * height / SCREEN_HEIGHT;
        canvas.click(new Locator.ClickOptions().setPosition(left + canvasX * scale, top + canvasY * scale));
    }

    private static int number(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertThat(m.find()).as("\"%s\" in \"%s\"", regex, line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> hex(List<?> rgbs) {
        return rgbs.stream().map(p -> String.format(Locale.ROOT, "%06x", ((Number) p).intValue())).toList();
    }
}
