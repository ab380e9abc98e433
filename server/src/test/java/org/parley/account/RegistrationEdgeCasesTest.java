package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.privacy.StoredRows;

/**
 * The two places where H2 and PostgreSQL differ under a registration: how they count a name's
 * length (UTF-16 units against code points) and how they report a unique-index race. Neither may
 * become a 500, and both databases must give the same answer.
 */
class RegistrationEdgeCasesTest {
    private static TestServer start(TestDatabase.Backend backend) {
        return TestServer.start(backend, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC());
    }

    private static ApiClient.Response register(TestServer server, String ip, String first, String last, String email) {
        return server.client().send("POST", "/api/v1/accounts",
                Map.of("firstName", first, "lastName", last, "email", email, "password", PASSWORD), Map.of("X-Forwarded-For", ip));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void namesFullOfEmojiAreKeptWhole_orRefusedClearly_neverA500(TestDatabase.Backend backend) {
        try (var server = start(backend)) {
            int ip = 0;
            for (int emoji : new int[] {1, 49, 50, 51, 100, 101, 200, 250}) {
                String name = "😀".repeat(emoji);
                String email = "emoji" + emoji + "@example.com";
                var created = register(server, "192.0.2." + ++ip, name, "Smile", email);
                if (emoji <= 50) {
                    assertThat(created.status()).as(emoji + " emoji: " + created.body()).isEqualTo(201);
                    var client = server.client();
                    String token = AccountSteps.token(TestServer.link(server.awaitMail(email, "Confirm your email"), "/verify.html"));
                    assertThat(client.post("/api/v1/accounts/verify", Map.of("token", token)).status()).isEqualTo(204);
                    assertThat(client.signIn(email, PASSWORD).json().path("firstName").asText()).isEqualTo(name);
                } else {
                    assertThat(created.status()).as(emoji + " emoji: " + created.body()).isEqualTo(400);
                    assertThat(created.error()).isEqualTo("invalid_input");
                    assertThat(created.json().path("message").asText()).contains("First name");
                }
            }
            var client = server.client();
            AccountSteps.registerAndSignIn(server, client, Map.of("X-Forwarded-For", "192.0.2.99"), "Plain", "Name", "plain@example.com");
            assertThat(client.patch("/api/v1/me", Map.of("lastName", "😀".repeat(50))).status()).isEqualTo(200);
            var tooLong = client.patch("/api/v1/me", Map.of("lastName", "😀".repeat(100)));
            assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
            assertThat(client.get("/api/v1/me").json().path("lastName").asText()).isEqualTo("😀".repeat(50));
            assertThat(register(server, "192.0.2.100", "Emoji", "Mail", "😀😀😀@example.com").error()).isEqualTo("invalid_input");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void concurrentRegistrationsOfOneEmailAllGetTheNormalAnswerAndMakeOneAccount(TestDatabase.Backend backend) throws Exception {
        int racers = 8;
        try (var server = start(backend); var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 3; round++) {
                String email = "race" + round + "@example.com";
                var go = new CountDownLatch(1);
                var answers = new ArrayList<Future<ApiClient.Response>>();
                for (int i = 0; i < racers; i++) {
                    String ip = "198.51.100." + (round * racers + i);
                    String first = "Racer" + i;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return register(server, ip, first, "Runner", email);
                    }));
                }
                go.countDown();
                var statuses = new ArrayList<String>();
                for (var answer : answers) {
                    var response = answer.get();
                    statuses.add(response.status() + " " + response.body());
                    assertThat(response.status()).as(response.body()).isEqualTo(201);
                }
                List<Map<String, Object>> stored = new StoredRows(server).rowsOf("accounts", "email", email);
                assertThat(stored).as(statuses.toString()).hasSize(1);
            }
        }
    }
}
