package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.Eventually.eventually;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * The relay as an adversary (DESIGN.md §3): the server can let anyone into a meeting's relay, but
 * only a keyholder hands out keys. Someone the server lets in whom nobody admits gets ciphertext
 * and nothing else, and keys it forges are ignored.
 */
class InjectedParticipantTest {
    static TestServer server;
    static ApiClient olga;
    static ApiClient ivan;
    static ApiClient berta;
    final InvitationSecret k = InvitationSecret.random(new SecureRandom());

    @BeforeAll
    static void start() {
        server = TestServer.start();
        olga = Accounts.signedUp(server, "Olga", "olga@example.com");
        ivan = Accounts.signedUp(server, "Ivan", "ivan@example.com");
        berta = Accounts.signedUp(server, "Berta", "berta@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRegistrantTheServerLetsInButNobodyAdmitsGetsNoKeyAndReadsNothing() {
        String id = olga.post("/api/v1/meetings", Map.of("kind", "webinar", "subject", "Injected webinar",
                "startsAt", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).toString(),
                "durationMinutes", 60)).json().path("id").asText();
        String rita = registrationToken(id, "Rita", "rita@example.com");
        String rolf = registrationToken(id, "Rolf", "rolf@example.com");
        try (var organizer = Person.join(server.baseUrl(), id, olga, k, "organizer");
             var a = byToken(id, rita, k, "Rita");
             var injected = byToken(id, rolf, null, "Rolf")) {
            a.awaitMembers(List.of(organizer.id(), a.id()), 1);
            organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == injected.id(), "Rolf waiting");

            int chats = 5;
            for (int i = 0; i < chats; i++) {
                organizer.client().sendChat("from the organizer " + i);
                a.client().sendChat("from Rita " + i);
            }
            organizer.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("from Rita " + (chats - 1)), "Rita's last");
            a.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("from the organizer " + (chats - 1)), "the last");

            // nobody admitted it, so the relay delivers it nothing sent to everyone: only the keyholder's
            // greeting (the members message, addressed to it), which it cannot open
            assertThat(injected.data()).as("DATA the relay delivered to the injected participant")
                    .isNotEmpty().allSatisfy(e -> assertThat(e.recipient()).isEqualTo(injected.id()));
            assertThat(injected.events().all(SessionEvent.ChatReceived.class)).isEmpty();
            assertThat(injected.events().all(SessionEvent.Admitted.class)).isEmpty();
            assertThat(injected.events().all(SessionEvent.EpochChanged.class)).isEmpty();
            assertThat(injected.client().membership()).isEmpty();
            assertThat(injected.client().keys().orElseThrow().current()).as("no KEY ever opened for it").isEmpty();
            assertThat(injected.client().dropped()).isEqualTo(injected.data().size());
            assertThat(a.events().chatTexts()).hasSize(chats);
            assertThat(organizer.events().chatTexts()).hasSize(chats);
        }
    }

    @Test
    void anInviteeWithoutTheSecretWhomNobodyAdmitsCannotForgeItsWayIn() {
        String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Forged keys",
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();
        try (var organizer = Person.join(server.baseUrl(), id, olga, k, "organizer");
             var a = Person.join(server.baseUrl(), id, ivan, k, "A");
             var forger = new RawParticipant(Person.relayUrl(server.baseUrl(), id), "parley_session=" + berta.cookie("parley_session").orElseThrow())) {
            var members = a.awaitMembers(List.of(organizer.id(), a.id()), 1).membership();
            forger.join();
            organizer.events().await(SessionEvent.Waiting.class, w -> w.participant().id() == forger.id, "the forger waiting");
            UUID meeting = UUID.fromString(id);
            byte[] aKey = a.client().participants().stream().filter(p -> p.id() == a.id()).findFirst().orElseThrow().publicKey();
            SecureRandom random = new SecureRandom();
            int droppedBefore = countDropped(a);

            // an older epoch, and a newer one: the relay forwards no KEY from a participant nobody admitted
            // (and were it to, A holds a key, so only the members' keyholder may change it)
            forger.send(MessageType.KEY, a.id(), KeyDelivery.seal(meeting, EpochSecret.random(members.epoch() - 1, random), a.id(), aKey, forger.keyPair));
            forger.send(MessageType.KEY, a.id(), KeyDelivery.seal(meeting, EpochSecret.random(members.epoch() + 5, random), a.id(), aKey, forger.keyPair));
            eventually(() -> forger.notAdmitted().size(), 2);
            assertThat(forger.notAdmitted()).allSatisfy(message -> assertThat(message).contains("waiting to be let in"));
            assertThat(a.client().membership().orElseThrow()).isEqualTo(members);
            assertThat(a.client().keys().orElseThrow().current().orElseThrow().epoch()).isEqualTo(members.epoch());

            organizer.client().sendChat("still private");
            a.events().await(SessionEvent.ChatReceived.class, c -> c.text().equals("still private"), "chat after the forgery");
            assertThat(a.code()).isEqualTo(organizer.code());
            assertThat(countDropped(a)).as("nothing of the forger's reached A").isEqualTo(droppedBefore);
            assertThat(forger.received).noneMatch(e -> e.type() == MessageType.KEY || e.type() == MessageType.ADMIT);
            assertThat(forger.received).anyMatch(e -> e.type() == MessageType.DATA && e.sender() == organizer.id());
        }
    }

    private static int countDropped(Person p) {
        return p.events().all(SessionEvent.Dropped.class).size();
    }

    private static Person byToken(String meetingId, String token, InvitationSecret secret, String name) {
        var connector = SessionClient.connector(URI.create(Person.relayUrl(server.baseUrl(), meetingId) + "?registration=" + token))
                .meetingId(UUID.fromString(meetingId));
        return Person.join(connector, secret, name);
    }

    private static String registrationToken(String meetingId, String firstName, String email) {
        var registered = server.client().post("/api/v1/meetings/" + meetingId + "/registrations",
                Map.of("firstName", firstName, "lastName", "Registrant", "email", email));
        assertThat(registered.status()).isEqualTo(201);
        return TestServer.link(server.awaitMail(email, "Registered:"), "/meeting.html").replaceFirst(".*registration=", "");
    }
}
