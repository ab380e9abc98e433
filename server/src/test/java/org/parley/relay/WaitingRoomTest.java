package org.parley.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.envelope.RelayStatus;

/**
 * The relay keeps the waiting room shut, tested as the attacker: a raw participant whose invitation
 * let it into the room but whom the organizer never admitted (protocol README §8, "What the relay
 * enforces"). It reaches no one with DATA, KEY or ADMIT, hears no broadcast, and cannot flood the
 * admitted participants off as slow consumers; an ADMIT from the organizer lets it in.
 */
class WaitingRoomTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static ApiClient organizer;
    static ApiClient invitee;
    static ApiClient otherInvitee;
    static String meetingId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        organizer = signedIn("Olga", "olga@example.com");
        invitee = signedIn("Ivan", "ivan@example.com");
        otherInvitee = signedIn("Wendy", "wendy@example.com");
        meetingId = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Waiting room",
                "invitees", List.of("ivan@example.com", "wendy@example.com"))).json().path("id").asText();
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

    RelayClient connect(ApiClient as) {
        return RelayClient.connect(server.baseUrl(), meetingId, as);
    }

    static boolean from(Envelope e, MessageType type, RelayClient sender) {
        return e.type() == type && e.sender() == sender.id;
    }

    static boolean notAdmittedError(Envelope e) {
        return e.type() == MessageType.ERROR && RelayClient.json(e).path("error").asText().equals(RelayStatus.NOT_ADMITTED.error());
    }

    /** What a keyholder does (§8): ADMIT, then a KEY; once the KEY is there, the relay has marked the newcomer admitted. */
    static void admit(RelayClient keyholder, RelayClient newcomer) {
        keyholder.send(MessageType.ADMIT, newcomer.id, new byte[0]);
        keyholder.send(MessageType.KEY, newcomer.id, "sealed epoch secret".getBytes(StandardCharsets.UTF_8));
        newcomer.await(e -> from(e, MessageType.KEY, keyholder));
    }

    @Test
    void aWaitingParticipantsDataKeyAndAdmitReachNoOneAndAreAnsweredNotAdmitted() {
        try (var olga = connect(organizer); var ivan = connect(invitee); var wendy = connect(otherInvitee)) {
            olga.join();
            ivan.join();
            wendy.join();

            ivan.send(MessageType.DATA, Envelope.EVERYONE, new byte[] {1});
            ivan.send(MessageType.DATA, olga.id, new byte[] {2});
            ivan.send(MessageType.KEY, olga.id, "a planted epoch secret".getBytes(StandardCharsets.UTF_8)); // issue 11, finding 1
            ivan.send(MessageType.ADMIT, wendy.id, new byte[0]);
            // a HANDSHAKE to someone admitted is what a waiting participant may send (the access handshake):
            // it marks the end; one to another waiting participant is refused like the rest
            ivan.send(MessageType.HANDSHAKE, wendy.id, "{}".getBytes(StandardCharsets.UTF_8));
            ivan.send(MessageType.HANDSHAKE, olga.id, "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(olga.until(e -> from(e, MessageType.HANDSHAKE, ivan)))
                    .noneMatch(e -> e.sender() == ivan.id && e.type() != MessageType.HANDSHAKE);
            for (int refused = 0; refused < 5; refused++) {
                var error = RelayClient.json(ivan.await(WaitingRoomTest::notAdmittedError));
                assertThat(error.path("message").asText()).contains("waiting to be let in");
            }
            // all of Ivan's were handled before his refusals came back: a greeting sent now reaches Wendy after anything of his
            olga.send(MessageType.DATA, wendy.id, new byte[] {9});
            assertThat(wendy.until(e -> from(e, MessageType.DATA, olga))).noneMatch(e -> e.sender() == ivan.id);
            // the forged ADMIT let no one in: Wendy is still waiting, and so is Ivan
            wendy.send(MessageType.DATA, Envelope.EVERYONE, new byte[] {3});
            assertThat(wendy.await(WaitingRoomTest::notAdmittedError)).isNotNull();
            wendy.send(MessageType.HANDSHAKE, olga.id, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(olga.until(e -> from(e, MessageType.HANDSHAKE, wendy))).noneMatch(e -> e.type() == MessageType.DATA);
            assertThat(ivan.closeReason()).isEmpty();
        }
    }

    @Test
    void anAdmitLetsTheNewcomerSpeakAndBroadcastsReachOnlyTheAdmitted() {
        try (var olga = connect(organizer); var ivan = connect(invitee); var wendy = connect(otherInvitee)) {
            olga.join();
            ivan.join();
            wendy.join();
            olga.send(MessageType.DATA, Envelope.EVERYONE, new byte[] {1});
            // the keyholder's greeting (the members message, §8) is direct DATA to a waiting participant: delivered
            olga.send(MessageType.DATA, wendy.id, new byte[] {2});
            admit(olga, ivan);
            olga.send(MessageType.DATA, Envelope.EVERYONE, new byte[] {3});
            assertThat(ivan.await(e -> from(e, MessageType.DATA, olga)).payloadBytes()).containsExactly(3);

            ivan.send(MessageType.DATA, Envelope.EVERYONE, new byte[] {4});
            assertThat(olga.await(e -> from(e, MessageType.DATA, ivan)).payloadBytes()).containsExactly(4);
            ivan.send(MessageType.HANDSHAKE, wendy.id, "{}".getBytes(StandardCharsets.UTF_8));
            olga.send(MessageType.DATA, wendy.id, new byte[] {5});

            var toWendy = new java.util.ArrayList<>(wendy.until(e -> from(e, MessageType.HANDSHAKE, ivan)));
            if (toWendy.stream().noneMatch(e -> e.type() == MessageType.DATA && e.payloadBytes()[0] == 5)) {
                toWendy.addAll(wendy.until(e -> from(e, MessageType.DATA, olga) && e.payloadBytes()[0] == 5));
            }
            assertThat(toWendy.stream().filter(e -> e.type() == MessageType.DATA).map(e -> e.payloadBytes()[0]))
                    .containsExactly((byte) 2, (byte) 5);
        }
    }

    @Test
    void aWaitingParticipantCannotGetTheAdmittedDroppedAsSlowConsumers() {
        try (var olga = connect(organizer);
             var sleeper = RelayClient.connectWithoutReading(server.baseUrl(), meetingId, organizer);
             var ivan = connect(invitee)) {
            olga.join();
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
            sleeper.send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
            int sleeperId = RelayClient.json(olga.await(e -> e.type() == MessageType.ROSTER
                    && RelayClient.json(e).path("type").asText().equals("joined"))).path("participant").path("id").asInt();
            ivan.join();

            // 28 MiB to everyone: on the admitted rate it would fill the sleeping organizer's queue
            byte[] frame = new byte[64 * 1024];
            for (int i = 0; i < 450 && ivan.trySend(MessageType.DATA, Envelope.EVERYONE, frame); i++) {
                Thread.onSpinWait();
            }

            assertThat(ivan.awaitClose()).isEqualTo(RelayStatus.RATE_LIMITED.closeCode());
            var left = olga.until(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("type").asText().equals("left")
                    && RelayClient.json(e).path("id").asInt() == ivan.id);
            assertThat(left).noneMatch(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("id").asInt() == sleeperId)
                    .noneMatch(e -> e.type() == MessageType.DATA);
        }
    }

    @Test
    void aWaitingParticipantsFloodIsCutOffAtTheWaitingRate() {
        try (var olga = connect(organizer); var ivan = connect(invitee)) {
            olga.join();
            ivan.join();
            long start = System.nanoTime();
            for (int i = 0; i < 2000 && ivan.trySend(MessageType.HANDSHAKE, olga.id, new byte[16]); i++) {
                Thread.onSpinWait();
            }
            assertThat(ivan.awaitClose()).isEqualTo(RelayStatus.RATE_LIMITED.closeCode());
            double seconds = (System.nanoTime() - start) / 1e9;

            long delivered = olga.until(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("type").asText().equals("left"))
                    .stream().filter(e -> from(e, MessageType.HANDSHAKE, ivan)).count();
            // the waiting rate: a burst of 40, then 20 a second (the admitted rate would let 800 through at once)
            assertThat(delivered).isPositive().isLessThanOrEqualTo(40 + (long) Math.ceil(20 * seconds));
        }
    }

    @Test
    void manyWaitingParticipantsTogetherSendTheOrganizerNoMoreThanItsBudgetAndItStaysConnected() {
        List<ApiClient> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crowd.add(signedIn("Crowd" + i, "crowd" + i + "@example.com"));
        }
        String crowded = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "A crowd waiting",
                "invitees", crowd.stream().map(c -> c.get("/api/v1/me").json().path("email").asText()).toList()))
                .json().path("id").asText();
        List<RelayClient> waiting = new java.util.ArrayList<>();
        try (var olga = RelayClient.connect(server.baseUrl(), crowded, organizer)) {
            olga.join();
            for (ApiClient person : crowd) {
                RelayClient one = RelayClient.connect(server.baseUrl(), crowded, person);
                waiting.add(one);
                one.join();
            }
            long start = System.nanoTime();
            for (int i = 0; i < 38; i++) { // each within its own burst of 40 (with its LEAVE): 228 handshakes at once
                for (RelayClient one : waiting) {
                    one.send(MessageType.HANDSHAKE, olga.id, new byte[1024]);
                }
            }
            for (RelayClient one : waiting) {
                one.send(MessageType.LEAVE, 0, new byte[0]);
            }
            RelayClient last = waiting.getLast();
            var received = olga.until(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("type").asText().equals("left")
                    && RelayClient.json(e).path("id").asInt() == last.id);
            double seconds = (System.nanoTime() - start) / 1e9;
            long handshakes = received.stream().filter(e -> e.type() == MessageType.HANDSHAKE).count();
            // twice one waiting sender's rate for all of them together: a burst of 80, then 40 a second
            assertThat(handshakes).isPositive().isLessThanOrEqualTo(80 + (long) Math.ceil(40 * seconds));
            assertThat(olga.closeReason()).as("the organizer was not cut off").isEmpty();
            assertThat(waiting).allSatisfy(one -> assertThat(one.closeReason()).doesNotContain("slow"));
        } finally {
            waiting.forEach(RelayClient::close);
        }
    }
}
