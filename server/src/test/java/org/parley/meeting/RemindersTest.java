package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.Mails;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.account.ManualClock;

class RemindersTest {
    @Test
    void approvedRegistrantsAreRemindedOnceWithinTheHourBeforeTheStart() {
        var clock = ManualClock.startingNow();
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock)) {
            var organizer = server.client();
            organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", MeetingApiTest.PASSWORD);
            Instant start = clock.instant().plus(Duration.ofHours(5));
            String id = organizer.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Launch webinar",
                    "startsAt", start.toString())).json().path("id").asText();
            server.client().post("/api/v1/meetings/" + id + "/registrations",
                    Map.of("firstName", "Rosa", "lastName", "Reminded", "email", "rosa@example.com"));
            String personalLink = TestServer.link(server.awaitMail("rosa@example.com", "Registered"), "/meeting.html");

            assertThat(server.server().meetings().sendReminders()).isZero();
            clock.advance(Duration.ofHours(4).plusMinutes(10));
            assertThat(server.server().meetings().sendReminders()).isEqualTo(1);
            var reminder = server.awaitMail("rosa@example.com", "Starting soon: Launch webinar");
            assertThat(TestServer.link(reminder, "/meeting.html")).isEqualTo(personalLink);
            assertThat(Mails.text(reminder)).contains("/registration.html?token=");
            assertThat(server.server().meetings().sendReminders()).isZero();
        }
    }
}
