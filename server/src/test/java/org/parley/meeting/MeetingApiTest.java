package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.Mails;
import org.parley.TestServer;

class MeetingApiTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static ApiClient organizer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        organizer = server.client();
        organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String inOneDay() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    static ApiClient signedIn(String first, String email) {
        var client = server.client();
        client.registerAndSignIn(server, first, "Tester", email, PASSWORD);
        return client;
    }

    @Test
    void inviteesGetMailWithAWorkingLinkAndInviteAndAStrangerGets404() {
        var invitee = signedIn("Ivan", "ivan@example.com");
        var stranger = signedIn("Sam", "sam@example.com");
        var created = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Quarterly planning",
                "startsAt", inOneDay(), "durationMinutes", 45, "timeZone", "Europe/Berlin",
                "invitees", List.of("ivan@example.com", "nora@example.com")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("joinUrl").asText()).endsWith("/meeting.html?id=" + id);

        for (String address : List.of("ivan@example.com", "nora@example.com")) {
            var mail = server.awaitMail(address, "Invitation: Quarterly planning");
            assertThat(TestServer.link(mail, "/meeting.html")).endsWith("id=" + id);
            var ics = Invites.attached(mail);
            assertThat(Invites.property(ics, "METHOD")).isEqualTo("REQUEST");
            assertThat(Invites.eventProperty(ics, "SUMMARY")).isEqualTo("Quarterly planning");
            assertThat(Invites.eventProperty(ics, "SEQUENCE")).isEqualTo("0");
            assertThat(Invites.eventProperty(ics, "ORGANIZER")).isEqualTo("mailto:olga@example.com");
        }
        assertThat(Mails.text(server.awaitMail("nora@example.com", "Invitation"))).contains("/register.html?email=nora%40example.com");

        var seen = invitee.get("/api/v1/meetings/" + id);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().path("subject").asText()).isEqualTo("Quarterly planning");
        assertThat(seen.json().path("organizer").path("name").asText()).isEqualTo("Olga Organizer");
        assertThat(seen.json().path("role").asText()).isEqualTo("invitee");

        var refused = stranger.get("/api/v1/meetings/" + id);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/meetings/" + java.util.UUID.randomUUID()).body()).isEqualTo(refused.body());
        assertThat(stranger.get("/api/v1/meetings/" + id + "/calendar.ics").status()).isEqualTo(404);
        assertThat(server.client().get("/api/v1/meetings/" + id).status()).isEqualTo(401);

        // an invitee without an account creates one from the invitation and then sees the meeting
        var nora = signedIn("Nora", "nora@example.com");
        assertThat(nora.get("/api/v1/meetings/" + id).status()).isEqualTo(200);
        assertThat(nora.get("/api/v1/meetings").json().findValuesAsText("id")).contains(id);
        var ics = nora.get("/api/v1/meetings/" + id + "/calendar.ics");
        assertThat(ics.header("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(Invites.eventProperty(Invites.parse(ics.body()), "SUMMARY")).isEqualTo("Quarterly planning");
    }

    @Test
    void onlyTheOrganizerChangesOrCancelsAndInviteesGetUpdatedAndCancelledInvites() {
        var invitee = signedIn("Ute", "ute@example.com");
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Design review",
                "startsAt", inOneDay(), "durationMinutes", 30, "invitees", List.of("ute@example.com"))).json().path("id").asText();
        server.awaitMail("ute@example.com", "Invitation: Design review");

        assertThat(invitee.patch("/api/v1/meetings/" + id, Map.of("subject", "Hijacked")).status()).isEqualTo(403);
        var changed = organizer.patch("/api/v1/meetings/" + id, Map.of("subject", "Design review (moved)", "durationMinutes", 60));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("durationMinutes").asInt()).isEqualTo(60);
        var update = Invites.attached(server.awaitMail("ute@example.com", "Updated: Design review (moved)"));
        assertThat(Invites.property(update, "METHOD")).isEqualTo("REQUEST");
        assertThat(Invites.eventProperty(update, "SEQUENCE")).isEqualTo("1");

        assertThat(invitee.delete("/api/v1/meetings/" + id, null).status()).isEqualTo(403);
        assertThat(organizer.delete("/api/v1/meetings/" + id, null).status()).isEqualTo(204);
        var cancel = Invites.attached(server.awaitMail("ute@example.com", "Cancelled: Design review (moved)"));
        assertThat(Invites.property(cancel, "METHOD")).isEqualTo("CANCEL");
        assertThat(Invites.eventProperty(cancel, "SEQUENCE")).isEqualTo("2");
        assertThat(invitee.get("/api/v1/meetings/" + id).json().path("cancelled").asBoolean()).isTrue();
    }

    @Test
    void aWebinarTakesPublicRegistrationsAndTheOrganizerDownloadsThemAsCsv() {
        var created = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Parley in practice",
                "startsAt", inOneDay(), "durationMinutes", 60,
                "registration", Map.of("fields", List.of("Company"), "capacity", 100)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();

        var anonymous = server.client();
        var page = anonymous.get("/api/v1/meetings/" + id + "/event");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("fields").get(0).asText()).isEqualTo("Company");
        assertThat(page.json().path("open").asBoolean()).isTrue();

        for (var person : List.of(List.of("Rita", "rita@example.com", "=HYPERLINK(\"x\")"), List.of("Rolf", "rolf@example.com", "Acme, Inc."))) {
            var registered = anonymous.post("/api/v1/meetings/" + id + "/registrations", Map.of("firstName", person.get(0),
                    "lastName", "Registrant", "email", person.get(1), "answers", Map.of("Company", person.get(2))));
            assertThat(registered.status()).isEqualTo(201);
            var mail = server.awaitMail(person.get(1), "Registered: Parley in practice");
            assertThat(TestServer.link(mail, "/meeting.html")).contains("registration=");
            assertThat(TestServer.link(mail, "/registration.html")).contains("token=");
            assertThat(Invites.property(Invites.attached(mail), "METHOD")).isEqualTo("REQUEST");
        }
        var again = anonymous.post("/api/v1/meetings/" + id + "/registrations", Map.of("firstName", "Rita",
                "lastName", "Registrant", "email", "RITA@example.com"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("already registered");

        var csv = organizer.get("/api/v1/meetings/" + id + "/registrations", Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "First name,Last name,Email,Status,Registered at,Company",
                csv.body().split("\r\n")[1], csv.body().split("\r\n")[2]);
        assertThat(csv.body()).contains("Rita,Registrant,rita@example.com,approved").contains("\"'=HYPERLINK(\"\"x\"\")\"")
                .contains("Rolf,Registrant,rolf@example.com,approved").contains("\"Acme, Inc.\"");

        var outsider = signedIn("Otto", "otto@example.com");
        assertThat(outsider.get("/api/v1/meetings/" + id + "/registrations").status()).isEqualTo(404);
        var rita = signedIn("Rita", "rita@example.com");
        assertThat(rita.get("/api/v1/meetings/" + id).json().path("role").asText()).isEqualTo("registrant");
        assertThat(rita.get("/api/v1/meetings/" + id + "/registrations").status()).isEqualTo(403);
        assertThat(rita.get("/api/v1/meetings/" + id).json().has("invitees")).isFalse();
    }

    @Test
    void aRegistrantRemovesTheirRegistrationWithTheLinkInTheMail() {
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "training", "subject", "Admin course",
                "sessions", List.of(Map.of("startsAt", inOneDay(), "durationMinutes", 90),
                        Map.of("startsAt", Instant.parse(inOneDay()).plus(Duration.ofDays(7)).toString(), "durationMinutes", 90))))
                .json().path("id").asText();
        server.client().post("/api/v1/meetings/" + id + "/registrations",
                Map.of("firstName", "Lea", "lastName", "Leaving", "email", "lea@example.com"));
        var mail = server.awaitMail("lea@example.com", "Registered: Admin course");
        assertThat(Invites.attached(mail).getComponents("VEVENT")).hasSize(2);
        String token = TestServer.link(mail, "/registration.html").replaceFirst(".*token=", "");

        var removed = server.client().delete("/api/v1/registrations/" + token, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(organizer.get("/api/v1/meetings/" + id + "/registrations").json()).isEmpty();
        assertThat(server.client().delete("/api/v1/registrations/" + token, null).status()).isEqualTo(400);
    }

    @Test
    void aRegistrantWithoutAnAccountNeverGetsMarketingMail() throws Exception {
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Privacy webinar",
                "startsAt", inOneDay(), "durationMinutes", 60)).json().path("id").asText();
        server.client().post("/api/v1/meetings/" + id + "/registrations",
                Map.of("firstName", "Mia", "lastName", "Nomail", "email", "mia@example.com"));
        server.awaitMail("mia@example.com", "Registered");
        var everyAddress = server.server().database().jdbi().withHandle(h -> h.createQuery(
                "select email from registrations union select email from invitations union select email from accounts")
                .mapTo(String.class).list());
        assertThat(everyAddress).contains("mia@example.com");

        int queued = new org.parley.mail.Newsletter(server.server().mailer())
                .send(everyAddress, org.parley.mail.MailCategory.NEWSLETTER, "Big news", "Buy now");
        assertThat(queued).isZero(); // nobody in this test opted in
        // a marker mail sent after the newsletter arrives, so anything queued before it has arrived too
        server.server().mailer().send(org.parley.mail.Mail.transactional("mia@example.com", "marker", "x"));
        server.awaitMail("mia@example.com", "marker");
        assertThat(server.mails()).noneMatch(m -> Mails.subject(m).equals("Big news"));
    }

    @Test
    void theOrganizerAloneSeesTheAttendanceReport() {
        var invitee = signedIn("Anna", "anna@example.com");
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Standup",
                "invitees", List.of("anna@example.com"))).json().path("id").asText();
        var attendance = server.server().meetings().attendance();
        Instant joined = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long stay = attendance.joined(java.util.UUID.fromString(id), 1, java.util.Optional.empty(), "Anna Tester",
                java.util.Optional.of("anna@example.com"), joined);
        attendance.left(stay, joined.plus(Duration.ofMinutes(25)));

        var report = organizer.get("/api/v1/meetings/" + id + "/attendance");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get(0).path("name").asText()).isEqualTo("Anna Tester");
        assertThat(report.json().get(0).path("minutes").asInt()).isEqualTo(25);
        var csv = organizer.get("/api/v1/meetings/" + id + "/attendance?format=csv");
        assertThat(csv.body()).startsWith("Session,Name,Email,Joined at,Left at,Minutes\r\n")
                .contains("1,Anna Tester,anna@example.com," + joined + "," + joined.plus(Duration.ofMinutes(25)) + ",25");
        assertThat(invitee.get("/api/v1/meetings/" + id + "/attendance").status()).isEqualTo(403);
        assertThat(signedIn("Zed", "zed@example.com").get("/api/v1/meetings/" + id + "/attendance").status()).isEqualTo(404);
    }

    @Test
    void aRepeatingMeetingStaysUpcomingUntilItsLastOccurrenceAndEditsCanClearFields() {
        Instant start = Instant.parse(inOneDay());
        var created = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Weekly sync",
                "description", "Agenda:\n1. news\r\n2. plans", "startsAt", start.toString(), "durationMinutes", 30,
                "timeZone", "UTC", "recurrence", Map.of("frequency", "weekly", "count", 6)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("description").asText()).isEqualTo("Agenda:\n1. news\n2. plans");
        assertThat(Instant.parse(created.json().path("endsAt").asText()))
                .isEqualTo(start.plus(Duration.ofDays(35)).plus(Duration.ofMinutes(30)));
        var ics = Invites.parse(organizer.get("/api/v1/meetings/" + id + "/calendar.ics").body());
        assertThat(Invites.eventProperty(ics, "RRULE")).isEqualTo("FREQ=WEEKLY;COUNT=6");

        var single = new java.util.HashMap<String, Object>();
        single.put("recurrence", null);
        single.put("description", null);
        var edited = organizer.patch("/api/v1/meetings/" + id, single);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("recurrence").isNull()).isTrue();
        assertThat(edited.json().path("description").asText()).isEmpty();
        assertThat(Instant.parse(edited.json().path("endsAt").asText())).isEqualTo(start.plus(Duration.ofMinutes(30)));
    }
}
