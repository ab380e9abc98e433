package org.parley.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;

class RelayTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static ApiClient organizer;
    static ApiClient invitee;
    static ApiClient stranger;
    String meetingId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        organizer = server.client();
        organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
        invitee = server.client();
        invitee.registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
        stranger = server.client();
        stranger.registerAndSignIn(server, "Sam", "Stranger", "sam@example.com", PASSWORD);
    }

    // a meeting of its own for each test: a connection an earlier test closed may still be leaving
    @BeforeEach
    void newMeeting() {
        meetingId = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Relay test",
                "invitees", List.of("ivan@example.com"))).json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    RelayClient connect(ApiClient as) {
        return RelayClient.connect(server.baseUrl(), meetingId, as);
    }

    @Test
    void participantsSeeEachOtherAndTheRelayForwardsCiphertextByteForByte() {
        try (var olga = connect(organizer); var ivan = connect(invitee)) {
            var first = olga.join();
            assertThat(first.path("participants")).hasSize(1);
            var second = ivan.join();
            assertThat(second.path("participants").findValuesAsText("name")).containsExactlyInAnyOrder("Olga Organizer", "Ivan Invitee");
            var announced = RelayClient.json(olga.await(e -> e.type() == MessageType.ROSTER
                    && RelayClient.json(e).path("type").asText().equals("joined")));
            assertThat(announced.path("participant").path("id").asInt()).isEqualTo(ivan.id);
            assertThat(announced.path("participant").path("role").asText()).isEqualTo("invitee");

            byte[] sealed = "sealed epoch secret".getBytes(StandardCharsets.UTF_8);
            olga.send(MessageType.ADMIT, ivan.id, new byte[0]);
            olga.send(MessageType.KEY, ivan.id, sealed);
            assertThat(ivan.await(e -> e.type() == MessageType.ADMIT).sender()).isEqualTo(olga.id);
            assertThat(ivan.await(e -> e.type() == MessageType.KEY).payloadBytes()).isEqualTo(sealed);

            byte[] ciphertext = new byte[4096];
            new java.util.Random(7).nextBytes(ciphertext);
            ivan.send(MessageType.DATA, Envelope.EVERYONE, ciphertext);
            Envelope arrived = olga.await(e -> e.type() == MessageType.DATA);
            assertThat(arrived.sender()).isEqualTo(ivan.id);
            assertThat(arrived.payloadBytes()).isEqualTo(ciphertext);

            olga.send(MessageType.KEY, 999, sealed);
            assertThat(RelayClient.json(olga.await(e -> e.type() == MessageType.ERROR)).path("error").asText()).isEqualTo("not_present");
        }
    }

    @Test
    void strangersAndAnonymousVisitorsAndOtherSitesAreRefusedAtTheUpgrade() {
        String url = RelayClient.url(server.baseUrl(), meetingId, "");
        assertThat(RelayClient.refusal(url, RelayClient.cookies(stranger))).isEqualTo(404);
        assertThat(RelayClient.refusal(RelayClient.url(server.baseUrl(), java.util.UUID.randomUUID().toString(), ""),
                RelayClient.cookies(stranger))).isEqualTo(404);
        assertThat(RelayClient.refusal(url, Map.of())).isEqualTo(401);
        var crossSite = new java.util.HashMap<>(RelayClient.cookies(invitee));
        crossSite.put("Origin", "https://evil.example");
        assertThat(RelayClient.refusal(url, crossSite)).isEqualTo(403);
    }

    @Test
    void joinAndLeaveAreRecordedForTheAttendanceReport() {
        try (var ivan = connect(invitee)) {
            ivan.join();
            ivan.send(MessageType.LEAVE, 0, new byte[0]);
            assertThat(ivan.awaitClose()).isEqualTo(1000);
        }
        var report = organizer.get("/api/v1/meetings/" + meetingId + "/attendance");
        assertThat(report.json().findValuesAsText("name")).contains("Ivan Invitee");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (organizer.get("/api/v1/meetings/" + meetingId + "/attendance").json().findValues("leftAt").stream()
                .anyMatch(com.fasterxml.jackson.databind.JsonNode::isNull) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(organizer.get("/api/v1/meetings/" + meetingId + "/attendance").json().findValues("leftAt"))
                .noneMatch(com.fasterxml.jackson.databind.JsonNode::isNull);
    }

    @Test
    void malformedForgedOrOutOfOrderMessagesCloseOnlyTheirSender() {
        try (var olga = connect(organizer)) {
            olga.join();
            try (var bad = connect(invitee)) {
                bad.sendRaw(ByteBuffer.wrap(new byte[] {1, 5, 0}));
                assertThat(bad.awaitClose()).isEqualTo(4400);
                assertThat(bad.closeReason).contains("Malformed message: truncated header");
            }
            try (var early = connect(invitee)) {
                early.send(MessageType.DATA, 0, new byte[8]);
                assertThat(early.awaitClose()).isEqualTo(4400);
                assertThat(early.closeReason).contains("first message must be a JOIN");
            }
            try (var forger = connect(invitee)) {
                forger.join();
                int realId = forger.id;
                forger.id = olga.id;
                forger.send(MessageType.DATA, 0, new byte[8]);
                assertThat(forger.awaitClose()).isEqualTo(4400);
                assertThat(forger.closeReason).contains("is not yours (" + realId + ")");
            }
            try (var texter = connect(invitee)) {
                texter.join();
                texter.sendText("hello");
                assertThat(texter.awaitClose()).isEqualTo(4400);
            }
            try (var badJoin = connect(invitee)) {
                badJoin.send(MessageType.JOIN, 0, "{\"publicKey\":\"short\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(badJoin.awaitClose()).isEqualTo(4400);
                assertThat(badJoin.closeReason).contains("32-byte X25519 public key");
            }
            // the organizer was not disturbed by any of it
            try (var ivan = connect(invitee)) {
                ivan.join();
                WaitingRoomTest.admit(olga, ivan);
                ivan.send(MessageType.DATA, olga.id, new byte[] {42});
                assertThat(olga.await(e -> e.type() == MessageType.DATA).payloadBytes()).containsExactly(42);
            }
        }
    }

    @Test
    void oversizedMessagesAndFloodsAreCutOff() {
        try (var big = connect(invitee)) {
            big.join();
            var lenient = new org.parley.protocol.envelope.EnvelopeCodec(2 << 20);
            big.sendRaw(lenient.encode(Envelope.of(MessageType.DATA, big.id, 0, new byte[(1 << 20) + 1])));
            assertThat(big.awaitClose()).isIn(1009, 4400);
        }
        // an admitted participant (the organizer, admitted by its role); a waiting one is cut off far sooner (WaitingRoomTest)
        try (var flood = connect(organizer)) {
            flood.join();
            for (int i = 0; i < 2000 && flood.trySend(MessageType.DATA, 0, new byte[16]); i++) {
                Thread.onSpinWait();
            }
            assertThat(flood.awaitClose()).isEqualTo(4429);
        }
    }

    @Test
    void aParticipantWhoDoesNotReadIsDroppedAsASlowConsumerAndTheOthersGoOn() {
        try (var olga = connect(organizer); var sleeper = RelayClient.connectWithoutReading(server.baseUrl(), meetingId, invitee)) {
            olga.join();
            String key = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
            sleeper.send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
            var joined = olga.await(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("type").asText().equals("joined"));
            // only admitted participants get what is sent to everyone
            olga.send(MessageType.ADMIT, RelayClient.json(joined).path("participant").path("id").asInt(), new byte[0]);
            byte[] frame = new byte[64 * 1024];
            Arrays.fill(frame, (byte) 7);
            for (int i = 0; i < 450; i++) {
                olga.send(MessageType.DATA, 0, frame);
            }
            var left = olga.await(e -> e.type() == MessageType.ROSTER && RelayClient.json(e).path("type").asText().equals("left"));
            assertThat(RelayClient.json(left).path("id").asInt()).isNotEqualTo(olga.id);
        }
    }

    @Test
    void othersHearWhetherAParticipantLeftOrWasLost() {
        try (var olga = connect(organizer)) {
            olga.join();
            try (var ivan = connect(invitee)) {
                ivan.join();
                ivan.send(MessageType.LEAVE, 0, new byte[0]);
                var left = RelayClient.json(olga.await(e -> e.type() == MessageType.ROSTER
                        && RelayClient.json(e).path("type").asText().equals("left")));
                assertThat(left.path("id").asInt()).isEqualTo(ivan.id);
                assertThat(left.has("lost")).as("a goodbye is not a loss").isFalse();
            }
            try (var ivan = connect(invitee)) {
                ivan.join();
                ivan.drop(); // the network drops: no LEAVE, no close frame
                var lost = RelayClient.json(olga.await(e -> e.type() == MessageType.ROSTER
                        && RelayClient.json(e).path("type").asText().equals("left")));
                assertThat(lost.path("id").asInt()).isEqualTo(ivan.id);
                assertThat(lost.path("lost").asBoolean()).isTrue();
            }
        }
    }
}
