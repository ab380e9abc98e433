package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.relay.RelayClient;

/**
 * Issue 14: an organizer may let signed-in invitees in without a click (protocol README §8,
 * "vouched"). The server vouches only for a signed-in invitee of a meeting that chose it; the Java
 * keyholder admits on that word and on nothing else the server says.
 */
class SignedInInviteeAdmissionTest {
    static TestServer server;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient rita;
    static ApiClient sam;
    final InvitationSecret k = InvitationSecret.random(new SecureRandom());

    @BeforeAll
    static void start() {
        server = TestServer.start();
        olga = Accounts.signedUp(server, "Olga", "olga@example.com");
        ivan = Accounts.signedUp(server, "Ivan", "ivan@example.com");
        rita = Accounts.signedUp(server, "Rita", "rita@example.com");
        sam = Accounts.signedUp(server, "Sam", "sam@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aJavaKeyholderThatDoesNotTrustTheServerLeavesAVouchedInviteeWaiting() {
        // a hostile server could vouch for anyone: the desktop agent, which does not run the server's code, never trusts it
        String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Not on the server's word",
                "invitees", List.of("ivan@example.com"), "admitSignedInInvitees", true)).json().path("id").asText();
        try (var organizer = Person.join(server.baseUrl(), id, olga, k, "organizer");
             var invitee = Person.join(server.baseUrl(), id, ivan, null, "Ivan")) {
            var waiting = organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == invitee.id(), "Ivan waiting");
            assertThat(waiting.participant().name()).startsWith("Ivan");
            assertThat(invitee.client().membership()).as("no key on the server's word alone").isEmpty();
            organizer.client().admit(invitee.id()); // the person at the keyholder decides
            invitee.awaitMembers(List.of(organizer.id(), invitee.id()), 1);
        }
    }

    @Test
    void anInviteeWithoutTheLinksKeyIsLetInOnTheSignInOnlyWhileTheOrganizerAllowsIt() {
        String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Trusting the sign-in",
                "invitees", List.of("ivan@example.com"), "admitSignedInInvitees", true)).json().path("id").asText();
        try (var organizer = Person.joinTrustingVouching(server.baseUrl(), id, olga, k, "organizer");
             var invitee = Person.join(server.baseUrl(), id, ivan, null, "Ivan")) {
            invitee.awaitMembers(List.of(organizer.id(), invitee.id()), 1);
            assertThat(organizer.events().all(SessionEvent.Waiting.class)).as("nobody had to click").isEmpty();
            assertThat(invitee.code()).isEqualTo(organizer.code());
        }

        assertThat(olga.patch("/api/v1/meetings/" + id, Map.of("admitSignedInInvitees", false)).status()).isEqualTo(200);
        try (var organizer = Person.joinTrustingVouching(server.baseUrl(), id, olga, k, "organizer");
             var invitee = new RawParticipant(Person.relayUrl(server.baseUrl(), id), cookie(ivan))) {
            JsonNode snapshot = invitee.join();
            assertThat(entry(snapshot, invitee.id).has("vouched")).as("the meeting no longer allows it").isFalse();
            organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == invitee.id, "Ivan waiting");
            assertThat(organizer.client().membership().orElseThrow().members()).containsExactly(organizer.id());
        }
    }

    @Test
    void theServerVouchesForNoOneButSignedInInviteesAndTheKeyholderTakesNoOtherWordForIt() {
        String id = olga.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Only invitees",
                "startsAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).toString(),
                "durationMinutes", 60, "invitees", List.of("ivan@example.com"), "admitSignedInInvitees", true))
                .json().path("id").asText();
        // a registrant with an account, signed in: the server knows who she is, but she was not invited
        assertThat(rita.post("/api/v1/meetings/" + id + "/registrations",
                Map.of("firstName", "Rita", "lastName", "Tester", "email", "rita@example.com")).status()).isEqualTo(201);
        // an account nobody invited does not even reach the room
        assertThat(RelayClient.refusal(Person.relayUrl(server.baseUrl(), id), RelayClient.cookies(sam))).isEqualTo(404);

        try (var organizer = Person.joinTrustingVouching(server.baseUrl(), id, olga, k, "organizer");
             var registrant = new RawParticipant(Person.relayUrl(server.baseUrl(), id), cookie(rita))) {
            JsonNode snapshot = registrant.join();
            assertThat(entry(snapshot, registrant.id).path("role").asText()).isEqualTo("registrant");
            assertThat(snapshot.path("participants")).allSatisfy(p -> assertThat(p.has("vouched")).as("%s", p).isFalse());
            organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == registrant.id, "Rita waiting");

            try (var invitee = new RawParticipant(Person.relayUrl(server.baseUrl(), id), cookie(ivan))) {
                JsonNode own = entry(invitee.join(), invitee.id);
                assertThat(own.path("role").asText()).isEqualTo("invitee");
                assertThat(own.path("vouched").asText()).isEqualTo("signed-in-invitee");
                // the keyholder handles arrivals in order: by the time the invitee is let in, Rita had her turn
                organizer.events().await(SessionEvent.EpochChanged.class,
                        e -> e.membership().members().contains(invitee.id), "Ivan admitted");
                eventually(() -> invitee.received.stream().anyMatch(e -> e.type() == MessageType.ADMIT && e.sender() == organizer.id()),
                        true);
            }
            assertThat(registrant.received).noneMatch(e -> e.type() == MessageType.ADMIT || e.type() == MessageType.KEY);
            assertThat(organizer.client().membership().orElseThrow().members()).doesNotContain(registrant.id);
        }
    }

    private static String cookie(ApiClient as) {
        return "parley_session=" + as.cookie("parley_session").orElseThrow();
    }

    private static JsonNode entry(JsonNode snapshot, int id) {
        for (JsonNode p : snapshot.path("participants")) {
            if (p.path("id").asInt() == id) {
                return p;
            }
        }
        throw new AssertionError("participant " + id + " is not in " + snapshot);
    }
}
