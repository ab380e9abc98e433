package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/**
 * The organizer's session-quality page (issue 14): each participant's reports as charts over time,
 * drawn by uPlot from our own origin under the strict CSP (no violation, no error), and as a table;
 * loss where the stream is numbered, a dash where it is not; a viewer cannot open it.
 */
class QualityDashboardBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void theOrganizerSeesEachViewersBitrateFramesAndDelayOverTime() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            var vera = server.client();
            vera.registerAndSignIn(server, "Vera", "Viewer", "vera@example.com", PASSWORD);
            var walt = server.client();
            walt.registerAndSignIn(server, "Walt", "Watcher", "walt@example.com", PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Quarterly review",
                    "invitees", List.of("vera@example.com", "walt@example.com"))).json().path("id").asText();
            String reports = "/api/v1/meetings/" + id + "/quality";
            // what the viewers' pages report every 30 s while a screen is shown and voices are heard (page.js)
            for (int i = 0; i < 4; i++) {
                vera.post(reports, Map.of("kind", "video", "seconds", 30, "frames", 700 + 20 * i, "bytes", 4_000_000, "latencyP50Ms", 90 + i));
                walt.post(reports, Map.of("kind", "tiles", "seconds", 30, "frames", 150, "bytes", 900_000, "latencyP50Ms", 300,
                        "received", 160, "lost", 40)); // 20 % of the frames numbered never completed
            }
            walt.post(reports, Map.of("kind", "voice", "seconds", 30, "frames", 1470, "bytes", 117_600, "latencyP50Ms", 40,
                    "received", 1470, "lost", 30));

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            var problems = Chromium.Problems.watch(olga);
            olga.navigate(server.baseUrl() + "/meeting.html?id=" + id);
            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Session quality")).click();
            assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Quarterly review"))).isVisible();
            assertThat(olga.locator(".quality-chart canvas")).hasCount(4);
            assertThat(olga.locator("#bitrate-chart .u-legend")).containsText("Vera Viewer · screen (video)");
            assertThat(olga.locator("#bitrate-chart .u-legend")).containsText("Walt Watcher · screen (tiles)");
            // the lines are drawn: the bitrate chart's canvas holds both series' colours
            @SuppressWarnings("unchecked")
            var colours = (List<String>) olga.evaluate("""
                    () => { const c = document.querySelector('#bitrate-chart canvas'); const d = c.getContext('2d')
                        .getImageData(0, 0, c.width, c.height).data; const seen = new Set();
                      for (let i = 0; i < d.length; i += 4) seen.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2]);
                      return ['31,95,191', '194,65,12'].filter(x => seen.has(x)); }""");
            assertThat(colours).as("a line per viewer").containsExactly("31,95,191", "194,65,12");
            var rows = olga.locator("#quality-table tbody tr");
            assertThat(olga.locator("#loss-chart .u-legend")).containsText("Walt Watcher · voice");
            assertThat(rows).hasCount(3);
            var verasRow = rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Vera Viewer"));
            assertThat(verasRow).containsText("1066.7"); // 4,000,000 bytes in 30 s
            assertThat(verasRow.locator("td").last()).hasText("–"); // video chunks are not numbered: loss unknown
            var waltsRows = rows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Walt Watcher"));
            assertThat(waltsRows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("screen (tiles)"))
                    .locator("td").last()).hasText("20");
            assertThat(waltsRows.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("voice"))
                    .locator("td").last()).hasText("2");
            assertThat(problems.seen()).as("no CSP violation, no script error").isEmpty();
            Browsers.shot(olga, "quality-dashboard");

            Page veraPage = browsers.signedIn(server, "vera@example.com", PASSWORD);
            veraPage.navigate(server.baseUrl() + "/quality.html?id=" + id);
            assertThat(veraPage.locator("#page-error")).isVisible();
            assertThat(veraPage.locator("#quality")).isHidden();
        }
    }
}
