package org.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.Eventually;
import org.parley.MovableClock;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.protocol.envelope.MessageType;
import org.parley.relay.RelayClient;

/** Attended support over the API: keys, the customer's ticket into the relay, teams and their queue. */
class SupportApiTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static final MovableClock clock = new MovableClock();
    static TestServer server;
    static ApiClient tina;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock);
        tina = signedIn("Tina", "tina@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient signedIn(String first, String email) {
        var client = server.client();
        client.registerAndSignIn(server, first, "Tech", email, PASSWORD);
        return client;
    }

    static ApiClient.Response join(String key) {
        return server.client().userAgent("customer-" + key).post("/api/v1/support-sessions/join", Map.of("supportKey", key));
    }

    String ws(String path) {
        return server.baseUrl().replace("http://", "ws://") + path;
    }

    @Test
    void aKeyLetsOneCustomerInOnceAndOnlyWhileFresh() {
        var opened = tina.post("/api/v1/support-sessions", Map.of());
        assertThat(opened.status()).isEqualTo(201);
        String key = opened.json().path("supportKey").asText();
        assertThat(key).matches("\\d{9}");
        assertThat(opened.json().path("customerUrl").asText()).endsWith("/customer.html#key=" + key);
        assertThat(opened.json().path("status").asText()).isEqualTo("waiting");

        var joined = server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key.substring(0, 3) + " "
                + key.substring(3, 6) + "-" + key.substring(6), "name", "Carla Customer"));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("technician").path("name").asText()).isEqualTo("Tina Tech");
        assertThat(joined.json().path("organisation").isNull()).isTrue();
        String id = joined.json().path("sessionId").asText();
        assertThat(id).isEqualTo(opened.json().path("id").asText());

        var again = join(key);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("message").asText()).isEqualTo(SupportSessions.WRONG_KEY);

        // the customer's ticket opens the relay as "customer"; the technician's cookie as the keyholder
        try (var customer = RelayClient.connect(ws(joined.json().path("relayPath").asText()), Map.of());
             var technician = RelayClient.connect(ws("/api/v1/support-sessions/" + id + "/relay"), RelayClient.cookies(tina))) {
            var snapshot = customer.join();
            assertThat(snapshot.path("participants").get(0).path("role").asText()).isEqualTo("customer");
            assertThat(snapshot.path("participants").get(0).path("name").asText()).isEqualTo("Carla Customer");
            var techSnapshot = technician.join();
            assertThat(techSnapshot.toString()).contains("\"role\":\"organizer\"", "\"name\":\"Tina Tech\"");
            assertThat(tina.get("/api/v1/support-sessions/" + id).json().path("status").asText()).isEqualTo("connected");

            // the customer ends it: the technician is disconnected and the ticket is dead
            customer.send(MessageType.LEAVE, 0, new byte[0]);
            assertThat(technician.awaitClose()).isEqualTo(4410);
            assertThat(technician.closeReason()).contains("customer ended");
        }
        assertThat(tina.get("/api/v1/support-sessions/" + id).json().path("status").asText()).isEqualTo("ended");
        assertThat(RelayClient.refusal(ws(joined.json().path("relayPath").asText()), Map.of())).isEqualTo(404);
        assertThat(RelayClient.refusal(ws("/api/v1/support-sessions/" + id + "/relay"), RelayClient.cookies(tina))).isEqualTo(410);

        // an unused key expires after ten minutes
        String stale = tina.post("/api/v1/support-sessions", Map.of()).json().path("supportKey").asText();
        clock.advance(Duration.ofMinutes(11));
        assertThat(join(stale).status()).isEqualTo(404);
    }

    @Test
    void aLostCustomerConnectionWaitsForTheAgentToComeBackAndEndsWhenItDoesNot() throws InterruptedException {
        var opened = tina.post("/api/v1/support-sessions", Map.of()).json();
        String id = opened.path("id").asText();
        String customerRelay = ws(join(opened.path("supportKey").asText()).json().path("relayPath").asText());
        try (var technician = RelayClient.connect(ws("/api/v1/support-sessions/" + id + "/relay"), RelayClient.cookies(tina))) {
            technician.join();
            var customer = RelayClient.connect(customerRelay, Map.of());
            customer.join();
            assertThat(status(id)).isEqualTo("connected");

            customer.drop(); // the network drops: no goodbye
            awaitStatus(id, "reconnecting");
            try (var back = RelayClient.connect(customerRelay, Map.of())) {
                back.join();
                assertThat(status(id)).as("back with the same ticket").isEqualTo("connected");
                // a newer connection with the ticket replaces one the network left half-open, and the session goes on
                try (var again = RelayClient.connect(customerRelay, Map.of())) {
                    again.join();
                    assertThat(back.awaitClose()).isEqualTo(4409);
                    assertThat(status(id)).isEqualTo("connected");
                    clock.advance(Duration.ofMinutes(5));
                    server.server().support().endAbandoned();
                    assertThat(status(id)).as("a connected customer is never abandoned").isEqualTo("connected");
                    again.drop();
                }
            }
            awaitStatus(id, "reconnecting");
            clock.advance(SupportSessions.RECONNECT_GRACE.minusSeconds(10));
            server.server().support().endAbandoned();
            assertThat(status(id)).as("still within the grace").isEqualTo("reconnecting");

            clock.advance(Duration.ofSeconds(11));
            server.server().support().endAbandoned();
            assertThat(technician.awaitClose()).isEqualTo(4410);
            assertThat(technician.closeReason()).isEqualTo(SupportSessions.ABANDONED);
        }
        assertThat(status(id)).isEqualTo("ended");
        assertThat(RelayClient.refusal(customerRelay, Map.of())).as("the ticket is dead").isEqualTo(404);
    }

    @Test
    void aTicketOpensNothingOnceTheSessionHasEndedEvenIfTheUpgradeCameFirst() {
        var opened = tina.post("/api/v1/support-sessions", Map.of()).json();
        String id = opened.path("id").asText();
        String customerRelay = ws(join(opened.path("supportKey").asText()).json().path("relayPath").asText());
        try (var customer = RelayClient.connect(customerRelay, Map.of())) {
            // upgraded, but not in the room yet: ending the session cannot reach this connection
            assertThat(tina.post("/api/v1/support-sessions/" + id + "/end", Map.of()).status()).isEqualTo(204);
            customer.send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + "A".repeat(43) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(customer.awaitClose()).isEqualTo(4410);
            assertThat(customer.closeReason()).isEqualTo("This support session has ended.");
        }
        assertThat(status(id)).isEqualTo("ended");
    }

    @Test
    void aKeyUsedByAnAgentThatNeverConnectsEndsTheSessionAfterTenMinutes() throws InterruptedException {
        var opened = tina.post("/api/v1/support-sessions", Map.of()).json();
        String id = opened.path("id").asText();
        assertThat(join(opened.path("supportKey").asText()).status()).isEqualTo(200);
        try (var technician = RelayClient.connect(ws("/api/v1/support-sessions/" + id + "/relay"), RelayClient.cookies(tina))) {
            technician.join();
            clock.advance(SupportSessions.FIRST_CONNECT.minusSeconds(30));
            server.server().support().endAbandoned();
            assertThat(status(id)).isEqualTo("waiting");
            clock.advance(Duration.ofMinutes(1));
            server.server().support().endAbandoned();
            assertThat(technician.awaitClose()).isEqualTo(4410);
            assertThat(technician.closeReason()).isEqualTo(SupportSessions.NEVER_CONNECTED);
        }
        assertThat(status(id)).isEqualTo("ended");
    }

    private static String status(String id) {
        return tina.get("/api/v1/support-sessions/" + id).json().path("status").asText();
    }

    /** The server records a lost connection once it notices it: moments after the socket dies. */
    private static void awaitStatus(String id, String expected) {
        Eventually.eventually(() -> status(id), expected);
    }

    @Test
    void strangersSeeNothingAndMalformedKeysGetAClearMessage() {
        var opened = tina.post("/api/v1/support-sessions", Map.of());
        String id = opened.json().path("id").asText();
        var stranger = signedIn("Sam", "sam-support@example.com");
        assertThat(stranger.get("/api/v1/support-sessions/" + id).status()).isEqualTo(404);
        assertThat(stranger.post("/api/v1/support-sessions/" + id + "/end", Map.of()).status()).isEqualTo(404);
        assertThat(RelayClient.refusal(ws("/api/v1/support-sessions/" + id + "/relay"), RelayClient.cookies(stranger))).isEqualTo(404);
        assertThat(RelayClient.refusal(ws("/api/v1/support-sessions/" + id + "/relay"), Map.of())).isEqualTo(401);
        assertThat(RelayClient.refusal(ws("/api/v1/support-sessions/" + id + "/relay?ticket=" + "A".repeat(43)), Map.of())).isEqualTo(404);

        var letters = server.client().userAgent("typo").post("/api/v1/support-sessions/join", Map.of("supportKey", "12345abc9"));
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.json().path("message").asText()).isEqualTo("A support key is nine digits.");
        assertThat(server.client().post("/api/v1/support-sessions/join", Map.of()).status()).isEqualTo(400);
        assertThat(server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", 123456789)).status()).isEqualTo(400);
    }

    @Test
    void anInvitedColleagueMayJoinAsTechnicianAndNoOneElse() {
        var colin = signedIn("Colin", "colin-invited@example.com");
        var stranger = signedIn("Stan", "stan-support@example.com");
        var opened = tina.post("/api/v1/support-sessions", Map.of()).json();
        String id = opened.path("id").asText();
        String relay = ws("/api/v1/support-sessions/" + id + "/relay");
        assertThat(RelayClient.refusal(relay, RelayClient.cookies(colin))).as("before the invitation").isEqualTo(404);

        assertThat(tina.post("/api/v1/support-sessions/" + id + "/invite", Map.of("email", "nobody-here@example.com")).status())
                .isEqualTo(400);
        assertThat(tina.post("/api/v1/support-sessions/" + id + "/invite", Map.of("email", "colin-invited@example.com")).status())
                .isEqualTo(204);
        assertThat(colin.get("/api/v1/support-sessions/" + id).json().path("role").asText()).isEqualTo("colleague");
        assertThat(colin.post("/api/v1/support-sessions/" + id + "/invite", Map.of("email", "stan-support@example.com")).status())
                .as("only the technician invites").isEqualTo(403);
        assertThat(colin.post("/api/v1/support-sessions/" + id + "/end", Map.of()).status()).isEqualTo(403);
        assertThat(stranger.get("/api/v1/support-sessions/" + id).status()).isEqualTo(404);
        try (var colleague = RelayClient.connect(relay, RelayClient.cookies(colin))) {
            assertThat(colleague.join().toString()).contains("\"role\":\"technician\"", "\"name\":\"Colin Tech\"");
        }
    }

    @Test
    void guessingKeysIsStoppedAndDoesNotFindTheRightOne() throws Exception {
        var guesser = TestServer.start();
        try {
            var technician = guesser.client();
            technician.registerAndSignIn(guesser, "Gus", "Tech", "gus@example.com", PASSWORD);
            String key = technician.post("/api/v1/support-sessions", Map.of()).json().path("supportKey").asText();
            String wrong = key.equals("000000000") ? "000000001" : "000000000";
            // all at once: guesses sent in parallel must not all pass a check made before any is counted
            var start = new java.util.concurrent.CountDownLatch(1);
            var statuses = new java.util.concurrent.CopyOnWriteArrayList<Integer>();
            try (var guesses = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 12; i++) {
                    guesses.submit(() -> {
                        start.await();
                        return statuses.add(guesser.client().post("/api/v1/support-sessions/join", Map.of("supportKey", wrong)).status());
                    });
                }
                start.countDown();
            }
            assertThat(statuses).hasSize(12).containsOnly(404, 429);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(2);
            // every refusal is in the security log file, with the address, never the key
            String securityLog = java.nio.file.Files.readString(guesser.dataDir().resolve("security.log"));
            assertThat(securityLog.lines().filter(l -> l.contains("support_key_refused"))).hasSize(10)
                    .allSatisfy(line -> assertThat(line).contains("ip=\"127.0.0.1\"").doesNotContain(wrong).doesNotContain(key));
            assertThat(securityLog).contains("support_key_locked_out");
            // from the locked-out address even the right key is refused until the window passes
            assertThat(guesser.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key)).status()).isEqualTo(429);
        } finally {
            guesser.close();
        }
    }

    @Test
    void aTeamSharesAQueueAndTheSupervisorSeesMetadataOnly() {
        var supervisor = signedIn("Sue", "sue@example.com");
        var colleague = signedIn("Colin", "colin@example.com");
        var created = supervisor.post("/api/v1/support-teams", Map.of("name", "Acme Help Desk"));
        assertThat(created.status()).isEqualTo(201);
        String team = created.json().path("id").asText();
        assertThat(supervisor.post("/api/v1/support-teams/" + team + "/members", Map.of("email", "colin@example.com")).status())
                .isEqualTo(201);
        assertThat(supervisor.post("/api/v1/support-teams/" + team + "/members", Map.of("email", "nobody@example.com")).status())
                .isEqualTo(400);
        assertThat(colleague.post("/api/v1/support-teams/" + team + "/members", Map.of("email", "tina@example.com")).status())
                .isEqualTo(403);
        assertThat(tina.get("/api/v1/support-teams/" + team + "/queue").status()).isEqualTo(404);

        var portal = server.client().get("/api/v1/support-teams/" + team + "/portal");
        assertThat(portal.json().path("name").asText()).isEqualTo("Acme Help Desk");
        var request = server.client().post("/api/v1/support-teams/" + team + "/requests",
                Map.of("name", "Carl Customer", "problem", "The printer prints only cats."));
        assertThat(request.status()).isEqualTo(201);
        String key = request.json().path("supportKey").asText();
        String sessionId = request.json().path("sessionId").asText();
        var joined = join(key);
        assertThat(joined.json().path("organisation").asText()).isEqualTo("Acme Help Desk");
        assertThat(joined.json().path("technician").isNull()).isTrue();

        var queue = colleague.get("/api/v1/support-teams/" + team + "/queue");
        assertThat(queue.json().path("waiting")).hasSize(1);
        assertThat(queue.json().path("waiting").get(0).path("customerName").asText()).isEqualTo("Carl Customer");
        assertThat(queue.json().path("waiting").get(0).path("problem").asText()).isEqualTo("The printer prints only cats.");

        assertThat(colleague.post("/api/v1/support-sessions/" + sessionId + "/pickup", Map.of()).status()).isEqualTo(200);
        assertThat(supervisor.post("/api/v1/support-sessions/" + sessionId + "/pickup", Map.of()).status()).isEqualTo(409);
        assertThat(colleague.get("/api/v1/support-teams/" + team + "/queue").json().path("waiting")).isEmpty();

        // transfer to the supervisor: only team members can receive it
        assertThat(colleague.post("/api/v1/support-sessions/" + sessionId + "/transfer", Map.of("email", "tina@example.com")).status())
                .isEqualTo(400);
        assertThat(colleague.post("/api/v1/support-sessions/" + sessionId + "/transfer", Map.of("email", "sue@example.com")).status())
                .isEqualTo(204);
        assertThat(supervisor.get("/api/v1/support-sessions/" + sessionId).json().path("role").asText()).isEqualTo("technician");

        var overview = supervisor.get("/api/v1/support-teams/" + team + "/overview");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.json().path("queueLength").asInt()).isZero();
        assertThat(overview.json().path("history").get(0).path("technician").asText()).isEqualTo("Sue Tech");
        assertThat(overview.json().path("history").get(0).has("problem")).isFalse();
        assertThat(colleague.get("/api/v1/support-teams/" + team + "/overview").status()).isEqualTo(403);
    }
}
