package org.parley.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;

/**
 * Issue 14: "admitSignedInInvitees" trusts the server's sign-in for a meeting, so only its organizer
 * may turn it on or off; it is off unless chosen, and a change of anything else keeps it.
 */
class AdmissionSettingTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static ApiClient organizer;
    static ApiClient invitee;
    static ApiClient stranger;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        organizer = signedIn("Olga", "olga@example.com");
        invitee = signedIn("Ivan", "ivan@example.com");
        stranger = signedIn("Sam", "sam@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient signedIn(String first, String email) {
        var client = server.client();
        client.registerAndSignIn(server, first, "Tester", email, PASSWORD);
        return client;
    }

    @Test
    void itIsOffUnlessTheOrganizerChoosesItAndStaysWhenOtherFieldsChange() {
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Default",
                "invitees", List.of("ivan@example.com"))).json().path("id").asText();
        assertThat(organizer.get("/api/v1/meetings/" + id).json().path("admitSignedInInvitees").asBoolean(true)).isFalse();

        var on = organizer.patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", true));
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().path("admitSignedInInvitees").asBoolean()).isTrue();
        var renamed = organizer.patch("/api/v1/meetings/" + id, Map.of("subject", "Renamed"));
        assertThat(renamed.json().path("admitSignedInInvitees").asBoolean()).isTrue();
        // invitees see it too: it says what to expect in the waiting room
        assertThat(invitee.get("/api/v1/meetings/" + id).json().path("admitSignedInInvitees").asBoolean()).isTrue();

        var bad = organizer.patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", "yes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).contains("true or false");
    }

    @Test
    void anInviteeGets403AStranger404AndNoOneSignedIn401AndTheSettingDoesNotMove() {
        String id = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Guarded",
                "invitees", List.of("ivan@example.com"))).json().path("id").asText();

        var byInvitee = invitee.patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", true));
        assertThat(byInvitee.status()).isEqualTo(403);
        assertThat(byInvitee.json().path("message").asText()).isEqualTo("Only the organizer can do this.");
        var byStranger = stranger.patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", true));
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(server.client().patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", true)).status()).isEqualTo(401);

        assertThat(organizer.get("/api/v1/meetings/" + id).json().path("admitSignedInInvitees").asBoolean(true)).isFalse();
    }
}
