package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.account.AccountSteps;

/**
 * DESIGN.md §5: rate limits on sign-in (per IP, and failures per account), reset and
 * registration, answered with 429 rate_limited and Retry-After. The server trusts
 * X-Forwarded-For here, so each test plays its own client addresses.
 */
class RateLimitTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Response post(String ip, String path, Object body) {
        return server.client().send("POST", path, body, Map.of("X-Forwarded-For", ip));
    }

    private static ApiClient.Response signIn(String ip, String email, String password) {
        return post(ip, "/api/v1/session", Map.of("email", email, "password", password, "remember", false));
    }

    private static void assertRateLimited(ApiClient.Response response, long maxWaitSeconds) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.error()).isEqualTo("rate_limited");
        assertThat(response.json().path("message").asText()).contains("wait");
        assertThat(response.header("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, maxWaitSeconds));
    }

    @Test
    void signInAttemptsFromOneAddressAreLimited() {
        for (int i = 0; i < 30; i++) {
            assertThat(signIn("192.0.2.1", "guess" + i + "@example.com", "some password guess " + i).status()).isEqualTo(401);
        }

        assertRateLimited(signIn("192.0.2.1", "guess@example.com", "one more guess"), 300);
        assertThat(signIn("192.0.2.2", "guess@example.com", "one more guess").status()).as("another address").isEqualTo(401);
    }

    @Test
    void failedSignInsOnOneAccountAreLimitedWhateverAddressTheyComeFrom() {
        AccountSteps.registerAndSignIn(server, server.client(), Map.of("X-Forwarded-For", "192.0.2.10"), "Target", "Account",
                "target@example.com");
        for (int i = 0; i < 10; i++) {
            assertThat(signIn("198.51.100." + i, "target@example.com", "botnet guess number " + i).status()).isEqualTo(401);
        }

        assertRateLimited(signIn("198.51.100.200", "target@example.com", PASSWORD), 900);
    }

    @Test
    void passwordResetRequestsFromOneAddressAreLimited() {
        for (int i = 0; i < 10; i++) {
            assertThat(post("192.0.2.20", "/api/v1/password-reset", Map.of("email", "r" + i + "@example.com")).status()).isEqualTo(202);
        }

        assertRateLimited(post("192.0.2.20", "/api/v1/password-reset", Map.of("email", "r@example.com")), 3600);
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        for (int i = 0; i < 10; i++) {
            var created = post("192.0.2.30", "/api/v1/accounts", AccountSteps.applicant("Many", "Accounts", "many" + i + "@example.com"));
            assertThat(created.status()).isEqualTo(201);
        }

        assertRateLimited(post("192.0.2.30", "/api/v1/accounts",
                AccountSteps.applicant("Many", "Accounts", UUID.randomUUID() + "@example.com")), 3600);
    }
}
