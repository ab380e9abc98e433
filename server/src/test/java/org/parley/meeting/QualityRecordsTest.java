package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

class QualityRecordsTest {

    @Test
    void viewersReportNumbersOnlyAndTheOrganizerAloneReadsTheSummary() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            var viewer = server.client();
            viewer.registerAndSignIn(server, "Vera", "Viewer", "vera@example.com", MeetingApiTest.PASSWORD);
            var stranger = server.client();
            stranger.registerAndSignIn(server, "Sam", "Stranger", "sam@example.com", MeetingApiTest.PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Demo",
                    "invitees", List.of("vera@example.com"))).json().path("id").asText();
            String path = "/api/v1/meetings/" + id + "/quality";

            var recorded = viewer.post(path, Map.of("kind", "video", "seconds", 30, "frames", 300, "bytes", 3_750_000, "latencyP50Ms", 120));
            assertThat(recorded.status()).isEqualTo(202);
            assertThat(viewer.post(path, Map.of("kind", "tiles", "seconds", 30, "frames", 60, "bytes", 600_000)).status()).isEqualTo(202);

            var summary = organizer.get(path).json();
            assertThat(summary.findValuesAsText("kind")).containsExactly("tiles", "video");
            var video = summary.get(1);
            assertThat(video.path("fps").asDouble()).isEqualTo(10.0);
            assertThat(video.path("kbps").asLong()).isEqualTo(1000);
            assertThat(video.path("worstLatencyMs").asInt()).isEqualTo(120);

            assertThat(viewer.get(path).status()).isEqualTo(403);
            assertThat(stranger.post(path, Map.of("kind", "video", "seconds", 30, "frames", 1, "bytes", 1)).status()).isEqualTo(404);
            assertThat(server.client().post(path, Map.of("kind", "video", "seconds", 30, "frames", 1, "bytes", 1)).status()).isEqualTo(401);
            var bad = viewer.post(path, Map.of("kind", "microphone", "seconds", 30, "frames", 1, "bytes", 1));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("message").asText()).contains("kind must be");
            assertThat(viewer.post(path, Map.of("kind", "video", "seconds", 0, "frames", 1, "bytes", 1)).status()).isEqualTo(400);
            assertThat(viewer.post(path, Map.of("kind", "video", "seconds", 30, "frames", 1, "bytes", 1, "screen", "x")).status())
                    .as("nothing but the numbers is accepted").isEqualTo(400);
        }
    }

    @Test
    void voiceAndCameraReportsWithLossAreSummedPlottedAndExported() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            var vera = server.client();
            vera.registerAndSignIn(server, "Vera", "Viewer", "vera@example.com", MeetingApiTest.PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Lossy",
                    "invitees", List.of("vera@example.com"))).json().path("id").asText();
            String path = "/api/v1/meetings/" + id + "/quality";
            // voice: 50 packets a second, 1 in 20 lost; then a clean period
            assertThat(vera.post(path, Map.of("kind", "voice", "seconds", 30, "frames", 1425, "bytes", 114_000, "latencyP50Ms", 45,
                    "received", 1425, "lost", 75)).status()).isEqualTo(202);
            assertThat(vera.post(path, Map.of("kind", "voice", "seconds", 30, "frames", 1500, "bytes", 120_000,
                    "received", 1500, "lost", 0)).status()).isEqualTo(202);
            // a camera's chunks are not numbered: no loss to report
            assertThat(vera.post(path, Map.of("kind", "camera", "seconds", 30, "frames", 450, "bytes", 1_875_000, "latencyP50Ms", 60))
                    .status()).isEqualTo(202);

            var series = organizer.get(path + "/series").json().path("series");
            assertThat(series.findValuesAsText("kind")).containsExactly("camera", "voice");
            var voice = series.get(1).path("points");
            assertThat(voice.findValuesAsText("lossPercent")).containsExactly("5.0", "0.0");
            assertThat(voice.get(0).path("lost").asInt()).isEqualTo(75);
            assertThat(voice.get(0).path("received").asInt()).isEqualTo(1425);
            assertThat(voice.get(0).path("fps").asDouble()).as("packets a second").isEqualTo(47.5);
            var camera = series.get(0).path("points").get(0);
            assertThat(camera.path("lossPercent").isNull()).as("unknown, not zero").isTrue();
            assertThat(camera.path("lost").isNull()).isTrue();

            var summary = organizer.get(path).json();
            assertThat(summary.findValuesAsText("kind")).containsExactly("camera", "voice");
            assertThat(summary.get(1).path("lossPercent").asDouble()).as("75 of 3000 over both periods").isEqualTo(2.5);
            assertThat(summary.get(0).path("lossPercent").asText()).isEmpty();

            var exported = vera.get("/api/v1/me/export").json().path("qualityReports");
            assertThat(exported).hasSize(3);
            assertThat(exported.findValuesAsText("lost")).contains("75", "0");
        }
    }

    @Test
    void lossThatIsNegativeHugeNotANumberOrHalfAPairIsRefusedInWords() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Hostile")).json().path("id").asText();
            String path = "/api/v1/meetings/" + id + "/quality";
            Map<String, Object> good = Map.of("kind", "voice", "seconds", 30, "frames", 100, "bytes", 8000);
            for (Object bad : List.of(-1, 72_001, 4_294_967_296L, 2.5, "lots", List.of(3))) { // 8 reports: the limit is 12 a minute
                var body = new java.util.HashMap<String, Object>(good);
                body.put("received", 100);
                body.put("lost", bad);
                var refused = organizer.post(path, body);
                assertThat(refused.status()).as("lost = %s", bad).isEqualTo(400);
                assertThat(refused.json().path("message").asText()).as("lost = %s", bad)
                        .isEqualTo("Lost must be a whole number from 0 to 72000.");
            }
            var negativeReceived = new java.util.HashMap<String, Object>(good);
            negativeReceived.putAll(Map.of("received", -5, "lost", 1));
            assertThat(organizer.post(path, negativeReceived).json().path("message").asText())
                    .isEqualTo("Received must be a whole number from 0 to 72000.");
            var half = new java.util.HashMap<String, Object>(good);
            half.put("lost", 3);
            var refused = organizer.post(path, half);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("message").asText()).startsWith("received and lost come together");
            assertThat(organizer.get(path).json()).as("nothing refused was stored").isEmpty();
        }
    }

    @Test
    void recordsOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        var clock = new org.parley.MovableClock();
        try (var server = TestServer.start(org.parley.TestDatabase.Backend.H2, Map.of("PARLEY_QUALITY_RETENTION_DAYS", "30"), clock)) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Kept a while")).json().path("id").asText();
            String path = "/api/v1/meetings/" + id + "/quality";
            assertThat(organizer.post(path, Map.of("kind", "video", "seconds", 30, "frames", 300, "bytes", 1000)).status()).isEqualTo(202);
            clock.advance(java.time.Duration.ofDays(20));
            organizer.signIn("olga@example.com", MeetingApiTest.PASSWORD); // a sign-in does not last 20 days
            assertThat(organizer.post(path, Map.of("kind", "tiles", "seconds", 30, "frames", 60, "bytes", 1000)).status()).isEqualTo(202);
            clock.advance(java.time.Duration.ofDays(11)); // the first is 31 days old, the second 11
            organizer.signIn("olga@example.com", MeetingApiTest.PASSWORD);

            assertThat(server.server().meetings().purgeQualityRecords(java.time.Duration.ofDays(server.server().config()
                    .qualityRetentionDays()))).isEqualTo(1);
            assertThat(organizer.get(path).json().findValuesAsText("kind")).containsExactly("tiles");
        }
    }

    @Test
    void theOrganizerGetsEachViewersReportsOverTimeAndNobodyElseDoes() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            var vera = server.client();
            vera.registerAndSignIn(server, "Vera", "Viewer", "vera@example.com", MeetingApiTest.PASSWORD);
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Plotted",
                    "invitees", List.of("vera@example.com"))).json().path("id").asText();
            String path = "/api/v1/meetings/" + id + "/quality";
            vera.post(path, Map.of("kind", "video", "seconds", 30, "frames", 600, "bytes", 3_750_000, "latencyP50Ms", 80));
            vera.post(path, Map.of("kind", "video", "seconds", 30, "frames", 300, "bytes", 1_875_000));

            var series = organizer.get(path + "/series").json();
            assertThat(series.path("subject").asText()).isEqualTo("Plotted");
            assertThat(series.path("series")).hasSize(1);
            var vera0 = series.path("series").get(0);
            assertThat(vera0.path("name").asText()).isEqualTo("Vera Viewer");
            assertThat(vera0.path("kind").asText()).isEqualTo("video");
            assertThat(vera0.path("points").findValuesAsText("kbps")).containsExactly("1000.0", "500.0");
            assertThat(vera0.path("points").findValuesAsText("fps")).containsExactly("20.0", "10.0");
            assertThat(vera0.path("points").get(1).path("latencyMs").isNull()).as("no delay measured: none shown").isTrue();
            assertThat(vera.get(path + "/series").status()).as("a viewer does not see the others' numbers").isEqualTo(403);
            assertThat(server.client().get(path + "/series").status()).isEqualTo(401);
        }
    }
}
