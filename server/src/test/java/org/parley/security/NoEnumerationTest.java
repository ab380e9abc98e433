package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;

/** DESIGN.md §5: sign-in answers never tell whether an email has an account. */
class NoEnumerationTest {
    private static ApiClient.Response signIn(TestServer server, String ip, String email) {
        return server.client().send("POST", "/api/v1/session",
                Map.of("email", email, "password", "a wrong password guess 12", "remember", false), Map.of("X-Forwarded-For", ip));
    }

    private static void assertIndistinguishable(ApiClient.Response unknown, ApiClient.Response known) {
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.header("Set-Cookie")).isEqualTo(known.header("Set-Cookie"));
        assertThat(unknown.header("Retry-After").isPresent()).isEqualTo(known.header("Retry-After").isPresent());
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Known", "Member", "known@example.com", PASSWORD);

            var unknown = server.client().signIn("unknown@example.com", "a wrong password guess 12");
            var wrong = server.client().signIn("known@example.com", "a wrong password guess 12");

            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("invalid_credentials");
            assertIndistinguishable(unknown, wrong);
        }
    }

    @Test
    void repeatedFailuresLookTheSameForAnUnknownEmailAsForAKnownOne() {
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC())) {
            server.client().registerAndSignIn(server, "Known", "Member", "known@example.com", PASSWORD);

            for (int attempt = 1; attempt <= 12; attempt++) {
                var unknown = signIn(server, "203.0.113." + attempt, "unknown@example.com");
                var known = signIn(server, "203.0.113." + (100 + attempt), "known@example.com");
                assertIndistinguishable(unknown, known);
            }
        }
    }
}
