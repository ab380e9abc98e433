package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;

/** Bad input gets a clear 4xx, and a refused request leaves nothing half-written behind. */
class MeetingInputTest {
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

    static Map<String, Object> meeting(Object... overrides) {
        var body = new HashMap<String, Object>(Map.of("kind", "meeting", "subject", "Sync",
                "startsAt", Instant.now().plus(Duration.ofDays(2)).toString(), "durationMinutes", 30));
        for (int i = 0; i < overrides.length; i += 2) {
            body.put((String) overrides[i], overrides[i + 1]);
        }
        return body;
    }

    int rows(String table) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Integer.class).one());
    }

    void refused(Map<String, Object> body, int status, String messagePart) {
        int meetings = rows("meetings");
        int invitations = rows("invitations");
        var response = organizer.post("/api/v1/meetings", body);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("message").asText()).contains(messagePart);
        assertThat(rows("meetings")).isEqualTo(meetings);
        assertThat(rows("invitations")).isEqualTo(invitations);
    }

    @Test
    void impossibleSchedulesAreRefusedWithAClearMessage() {
        refused(meeting("startsAt", Instant.now().minus(Duration.ofDays(1)).toString()), 400, "in the past");
        refused(meeting("startsAt", "next tuesday"), 400, "such as 2027-03-01T10:00:00Z");
        refused(meeting("startsAt", Instant.now().plus(Duration.ofDays(5000)).toString()), 400, "three years");
        refused(meeting("durationMinutes", 0), 400, "Duration (minutes) must be a whole number from 5 to 1440");
        refused(meeting("durationMinutes", 100_000), 400, "from 5 to 1440");
        refused(meeting("timeZone", "Mars/Olympus"), 400, "time zone name");
        refused(meeting("kind", "party"), 400, "kind must be");
        refused(meeting("subject", " "), 400, "Subject must not be empty");
        refused(meeting("subject", "x".repeat(201)), 400, "at most 200");
        refused(meeting("recurrence", Map.of("frequency", "hourly", "count", 3)), 400, "frequency");
        refused(meeting("sessions", List.of(Map.of("startsAt", Instant.now().plus(Duration.ofDays(1)).toString(), "durationMinutes", 30))),
                400, "Only a training");
    }

    @Test
    void tenThousandInviteesOrAMalformedAddressAreRefusedAndNothingIsStored() {
        refused(meeting("invitees", List.of("ok@example.com", "not an address")), 400, "\u201cnot an address\u201d is not an email address.");
        var many = IntStream.range(0, 300).mapToObj(i -> "p" + i + "@example.com").toList();
        refused(meeting("invitees", many), 400, "at most 200");
        var tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "person" + i + "@example.com").toList();
        int before = rows("meetings");
        var response = organizer.post("/api/v1/meetings", meeting("invitees", tenThousand));
        assertThat(response.status()).isIn(400, 413);
        assertThat(response.json().path("message").asText()).isNotBlank();
        assertThat(rows("meetings")).isEqualTo(before);
    }

    @Test
    void aWrongInviteeAddressIsNamedInTheRefusalWhenCreatingOrChangingAMeeting() {
        refused(meeting("invitees", List.of("ann@example.com", " bob@@example ")), 400, "\u201cbob@@example\u201d is not an email address.");
        refused(meeting("invitees", List.of("carol", "ann@example.com", "dave@example")), 400,
                "\u201ccarol\u201d and \u201cdave@example\u201d are not email addresses.");
        var many = IntStream.range(0, 8).mapToObj(i -> "wrong" + i).toList();
        refused(meeting("invitees", many), 400, "\u201cwrong4\u201d and 3 more are not email addresses.");

        var created = organizer.post("/api/v1/meetings", meeting("invitees", List.of("ann@example.com")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        var changed = organizer.patch("/api/v1/meetings/" + id, Map.of("invitees", List.of("ann@example.com", "bob@@example")));

        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().path("message").asText()).startsWith("\u201cbob@@example\u201d is not an email address.");
        assertThat(organizer.get("/api/v1/meetings/" + id).json().path("invitees").toString()).isEqualTo("[\"ann@example.com\"]");
    }

    @Test
    void overlappingTrainingSessionsAreRefused() {
        Instant start = Instant.now().plus(Duration.ofDays(3));
        refused(Map.of("kind", "training", "subject", "Course", "sessions", List.of(
                Map.of("startsAt", start.toString(), "durationMinutes", 120),
                Map.of("startsAt", start.plus(Duration.ofMinutes(60)).toString(), "durationMinutes", 60))), 400, "must not overlap");
        refused(Map.of("kind", "training", "subject", "Course", "sessions", Collections.emptyList()), 400, "at least one session");
    }

    @Test
    void registrationIsRefusedWhenFullOrOverOrForAMeeting() {
        String full = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Tiny webinar",
                "startsAt", Instant.now().plus(Duration.ofDays(1)).toString(),
                "registration", Map.of("capacity", 1))).json().path("id").asText();
        var anonymous = server.client();
        assertThat(anonymous.post("/api/v1/meetings/" + full + "/registrations",
                Map.of("firstName", "A", "lastName", "One", "email", "a1@example.com")).status()).isEqualTo(201);
        var second = anonymous.post("/api/v1/meetings/" + full + "/registrations",
                Map.of("firstName", "B", "lastName", "Two", "email", "b2@example.com"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("message").asText()).contains("full");
        assertThat(anonymous.get("/api/v1/meetings/" + full + "/event").json().path("open").asBoolean()).isFalse();

        var unknownQuestion = anonymous.post("/api/v1/meetings/" + full + "/registrations",
                Map.of("firstName", "C", "lastName", "Three", "email", "c3@example.com", "answers", Map.of("Shoe size", "44")));
        assertThat(unknownQuestion.status()).isEqualTo(400);

        String meetingId = organizer.post("/api/v1/meetings", meeting()).json().path("id").asText();
        assertThat(anonymous.post("/api/v1/meetings/" + meetingId + "/registrations",
                Map.of("firstName", "D", "lastName", "Four", "email", "d4@example.com")).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/meetings/" + meetingId + "/event").status()).isEqualTo(404);

        String cancelled = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Gone",
                "startsAt", Instant.now().plus(Duration.ofDays(1)).toString())).json().path("id").asText();
        organizer.delete("/api/v1/meetings/" + cancelled, null);
        var late = anonymous.post("/api/v1/meetings/" + cancelled + "/registrations",
                Map.of("firstName", "E", "lastName", "Five", "email", "e5@example.com"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().path("message").asText()).contains("cancelled");
    }

    @Test
    void malformedIdsAndListParametersGetClearAnswers() {
        assertThat(organizer.get("/api/v1/meetings/not-a-uuid").status()).isEqualTo(404);
        assertThat(organizer.get("/api/v1/meetings?when=tomorrow").status()).isEqualTo(400);
        assertThat(organizer.get("/api/v1/meetings?limit=0").status()).isEqualTo(400);
        assertThat(organizer.get("/api/v1/meetings?limit=abc").json().path("message").asText()).contains("limit");
        assertThat(organizer.post("/api/v1/meetings", "[1,2]").status()).isEqualTo(400);
    }
}
