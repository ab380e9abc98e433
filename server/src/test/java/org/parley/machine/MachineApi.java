package org.parley.machine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.account.ManualClock;

/**
 * The real server with a clock the tests move, and the steps every machine test takes: enrol a
 * machine, approve it, bring its agent online. The server trusts a proxy, so each enrolment can
 * come from an address of its own (the enrolment limit is per address).
 */
abstract class MachineApi {
    static final String PASSWORD = "correct horse battery staple 91";
    static final AtomicInteger ADDRESSES = new AtomicInteger();
    static TestServer server;
    static ManualClock clock;
    static ApiClient owner;

    @BeforeAll
    static void start() {
        start(TestDatabase.Backend.H2);
    }

    static void start(TestDatabase.Backend backend) {
        clock = ManualClock.startingNow();
        server = TestServer.start(backend, Map.of("PARLEY_TRUST_PROXY", "true"), clock);
        owner = signedUp("Olga", "olga@example.com");
    }

    /**
     * Each test starts in fresh rate-limit windows (all 10 minutes long): approving a machine
     * counts against the pairing-code limit per account and per address, and the tests share
     * the owner and 127.0.0.1.
     */
    @BeforeEach
    void freshRateLimitWindows() {
        clock.advance(java.time.Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ApiClient signedUp(String first, String email) {
        var client = server.client();
        client.registerAndSignIn(server, first, "Tester", email, PASSWORD);
        return client;
    }

    static Map<String, String> newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return Map.of("X-Forwarded-For", "10.1." + (n / 200) + "." + (n % 200 + 1));
    }

    record Enrolled(String id, String token, String code) {
        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + token);
        }
    }

    static Enrolled enrol(String name) {
        var enrolled = server.client().send("POST", "/api/v1/machines", Map.of("name", name), newAddress());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        JsonNode json = enrolled.json();
        return new Enrolled(json.path("id").asText(), json.path("machineToken").asText(), json.path("pairingCode").asText());
    }

    static Enrolled approved(ApiClient by, String name) {
        var machine = enrol(name);
        var approved = by.post("/api/v1/machines/approve", Map.of("pairingCode", machine.code()));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return machine;
    }

    static String path(Enrolled m) {
        return "/api/v1/machines/" + m.id();
    }

    static String relayUrl(String path) {
        return RoomSocket.url(server.baseUrl(), path);
    }

    /** The machine's agent, in its room: the machine is online until it is closed. */
    static RoomSocket online(Enrolled m) {
        return RoomSocket.agent(server.baseUrl(), m.id(), m.token());
    }

    /** Runs {@code body} while the machine's agent is in its room. */
    static void whileOnline(Enrolled m, Runnable body) {
        var agent = online(m);
        try {
            body.run();
        } finally {
            agent.close();
        }
    }

    /** Asks to connect and enters the room with the ticket. */
    static RoomSocket callerIn(Enrolled m, ApiClient who) {
        var connect = who.post(path(m) + "/connect", null);
        assertThat(connect.status()).as(connect.body()).isEqualTo(201);
        return RoomSocket.caller(server.baseUrl(), connect.json().path("relayPath").asText());
    }

    static JsonNode connections(Enrolled m) {
        var list = owner.get(path(m) + "/connections");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().path("connections");
    }

    static List<String> outcomes(Enrolled m) {
        return connections(m).findValuesAsText("outcome");
    }

    /** Sends {@code n} requests as nearly at once as threads allow; their answers. */
    static List<ApiClient.Response> atOnce(int n, IntFunction<ApiClient.Response> request) throws Exception {
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<ApiClient.Response>>();
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                int each = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.apply(each);
                }));
            }
            start.countDown();
            var done = new ArrayList<ApiClient.Response>();
            for (var answer : answers) {
                done.add(answer.get());
            }
            return done;
        }
    }
}
