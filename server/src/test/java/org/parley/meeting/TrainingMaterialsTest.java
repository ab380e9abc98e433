package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;

class TrainingMaterialsTest {
    static TestServer server;
    static ApiClient organizer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        organizer = server.client();
        organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<byte[]> upload(String meetingId, String name, byte[] content) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/meetings/" + meetingId + "/materials?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/pdf")
                .header("Cookie", "parley_session=" + organizer.cookie("parley_session").orElseThrow()
                        + "; parley_csrf=" + organizer.cookie("parley_csrf").orElseThrow())
                .header("X-Parley-CSRF", organizer.cookie("parley_csrf").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void approvedRegistrantsDownloadTheTrainingsFilesWithTheirPersonalLink() throws Exception {
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "training", "subject", "Admin course",
                "sessions", List.of(Map.of("startsAt", Instant.now().plus(Duration.ofDays(1)).toString(), "durationMinutes", 60)),
                "registration", Map.of("approval", true))).json().path("id").asText();
        byte[] handout = "%PDF-1.4 handout for session one".getBytes(StandardCharsets.UTF_8);
        var uploaded = upload(id, "Hand-out ü.pdf", handout);
        assertThat(uploaded.statusCode()).isEqualTo(201);
        String materialId = ApiClient.JSON.readTree(uploaded.body()).path("id").asText();
        assertThat(organizer.get("/api/v1/meetings/" + id).json().path("materials").get(0).path("name").asText())
                .isEqualTo("Hand-out ü.pdf");

        server.client().post("/api/v1/meetings/" + id + "/registrations", Map.of("firstName", "Pia", "lastName", "Pending",
                "email", "pia@example.com"));
        var pending = server.awaitMail("pia@example.com", "Registration received");
        String token = TestServer.link(pending, "/registration.html").replaceFirst(".*token=", "");
        var page = server.client().get("/api/v1/registrations/" + token);
        assertThat(page.json().path("registration").path("status").asText()).isEqualTo("pending");
        assertThat(page.json().path("materials")).isEmpty();
        assertThat(server.client().get("/api/v1/registrations/" + token + "/materials/" + materialId).status()).isEqualTo(404);

        String registrationId = organizer.get("/api/v1/meetings/" + id + "/registrations").json().get(0).path("id").asText();
        var approved = organizer.patch("/api/v1/meetings/" + id + "/registrations/" + registrationId, Map.of("status", "approved"));
        assertThat(approved.json().path("status").asText()).isEqualTo("approved");
        var confirmation = server.awaitMail("pia@example.com", "Registered: Admin course");
        assertThat(TestServer.link(confirmation, "/registration.html")).endsWith(token);

        var file = server.client().get("/api/v1/registrations/" + token + "/materials/" + materialId);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(new String(handout, StandardCharsets.UTF_8));
        assertThat(file.header("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        assertThat(file.header("Content-Disposition").orElse("")).startsWith("attachment;").contains("UTF-8''Hand-out%20%C3%BC.pdf");
    }

    @Test
    void uploadsOverTenMebibytesAndToMeetingsAreRefused() throws Exception {
        String training = organizer.post("/api/v1/meetings", Map.of("kind", "training", "subject", "Big files",
                "startsAt", Instant.now().plus(Duration.ofDays(1)).toString())).json().path("id").asText();
        var tooBig = upload(training, "video.mp4", new byte[Materials.MAX_BYTES + 1]);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(new String(tooBig.body(), StandardCharsets.UTF_8)).contains("at most 10 MiB");
        assertThat(organizer.get("/api/v1/meetings/" + training).json().path("materials")).isEmpty();

        String meeting = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "No files here"))
                .json().path("id").asText();
        assertThat(upload(meeting, "a.pdf", new byte[] {1}).statusCode()).isEqualTo(400);
        assertThat(upload(training, "../../etc/passwd", new byte[] {1}).statusCode()).isEqualTo(400);
    }
}
