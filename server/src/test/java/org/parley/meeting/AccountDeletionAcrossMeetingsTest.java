package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/** Someone invited to, registered for and present at other people's meetings: export shows it, deletion erases it. */
class AccountDeletionAcrossMeetingsTest {

    @Test
    void theExportListsAndTheDeletionErasesWhatOtherPeoplesMeetingsHoldAboutTheAccount() {
        try (var server = TestServer.start()) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            var guest = server.client();
            guest.registerAndSignIn(server, "Gus", "Guest", "gus@example.com", MeetingApiTest.PASSWORD);
            String meeting = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Board",
                    "invitees", List.of("gus@example.com"))).json().path("id").asText();
            String webinar = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Launch",
                    "startsAt", Instant.now().plus(Duration.ofDays(1)).toString())).json().path("id").asText();
            server.client().post("/api/v1/meetings/" + webinar + "/registrations",
                    Map.of("firstName", "Gus", "lastName", "Guest", "email", "gus@example.com"));
            UUID gusId = UUID.fromString(guest.get("/api/v1/me").json().path("id").asText());
            server.server().meetings().attendance().joined(UUID.fromString(meeting), 1, Optional.of(gusId), "Gus Guest",
                    Optional.of("gus@example.com"), Instant.now());

            var export = guest.get("/api/v1/me/export").json();
            assertThat(export.path("invitationsReceived").findValuesAsText("subject")).containsExactly("Board");
            assertThat(export.path("registrations").findValuesAsText("subject")).containsExactly("Launch");
            assertThat(export.path("attendance").findValuesAsText("displayName")).containsExactly("Gus Guest");

            assertThat(guest.delete("/api/v1/me", Map.of("password", MeetingApiTest.PASSWORD)).status()).isEqualTo(204);

            var jdbi = server.server().database().jdbi();
            int mentions = jdbi.withHandle(h -> h.createQuery("select (select count(*) from invitations where email = :e) "
                    + "+ (select count(*) from registrations where email = :e) "
                    + "+ (select count(*) from attendance where email = :e or display_name like '%Gus%')")
                    .bind("e", "gus@example.com").mapTo(Integer.class).one());
            assertThat(mentions).isZero();
            var report = organizer.get("/api/v1/meetings/" + meeting + "/attendance").json();
            assertThat(report.findValuesAsText("name")).containsExactly("Deleted account");
            assertThat(organizer.get("/api/v1/meetings/" + meeting).json().path("invitees")).isEmpty();
        }
    }
}
