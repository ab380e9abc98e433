package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.OTHER_PASSWORD;
import static org.parley.account.AccountSteps.PASSWORD;
import static org.parley.account.AccountSteps.token;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.security.SecretToken;

/** API.md: POST /api/v1/password-reset and /password-reset/confirm. */
class PasswordResetTest {
    private static final ManualClock clock = ManualClock.startingNow();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String requestResetToken(String email) {
        assertThat(server.client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
        return token(TestServer.link(server.awaitMail(email, "Reset your Parley password"), "/reset.html"));
    }

    private static org.parley.ApiClient.Response confirm(String token, String newPassword) {
        return server.client().post("/api/v1/password-reset/confirm", Map.of("token", token, "newPassword", newPassword));
    }

    @Test
    void aResetRequestAnswers202WithTheSameBodyWhateverTheEmail() {
        server.client().registerAndSignIn(server, "Known", "Person", "known@example.com", PASSWORD);
        server.client().post("/api/v1/accounts", AccountSteps.applicant("Unverified", "Person", "pending@example.com"));

        var known = server.client().post("/api/v1/password-reset", Map.of("email", "known@example.com"));
        var pending = server.client().post("/api/v1/password-reset", Map.of("email", "pending@example.com"));
        var unknown = server.client().post("/api/v1/password-reset", Map.of("email", "nobody@example.com"));

        assertThat(known.status()).isEqualTo(202);
        assertThat(pending.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(pending.body()).isEqualTo(known.body());
        assertThat(unknown.body()).isEqualTo(known.body());
        server.awaitMail("known@example.com", "Reset your Parley password");
    }

    @Test
    void aResetLinkWorksOnceAndSignsOutEverySession() {
        var client = server.client();
        client.registerAndSignIn(server, "Reset", "Once", "reset.once@example.com", PASSWORD);
        String token = requestResetToken("reset.once@example.com");

        assertThat(confirm(token, OTHER_PASSWORD).status()).isEqualTo(204);

        assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(server.client().signIn("reset.once@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn("reset.once@example.com", OTHER_PASSWORD).status()).isEqualTo(200);
        var again = confirm(token, "yet another fine passphrase 55");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error()).isEqualTo("invalid_token");
        server.awaitMail("reset.once@example.com", "Your Parley password was changed");
    }

    @Test
    void aWeakNewPasswordIsRefusedAndTheLinkStillWorksAfterwards() {
        server.client().registerAndSignIn(server, "Reset", "Weak", "reset.weak@example.com", PASSWORD);
        String token = requestResetToken("reset.weak@example.com");

        var weak = confirm(token, "abc123abc123");

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.error()).isEqualTo("weak_password");
        assertThat(confirm(token, OTHER_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void wrongOrExpiredResetTokensGetAClear400AndChangeNothing() {
        server.client().registerAndSignIn(server, "Reset", "Late", "reset.late@example.com", PASSWORD);
        String expired = requestResetToken("reset.late@example.com");
        clock.advance(TokenPurpose.RESET_PASSWORD.lifetime().plus(Duration.ofMinutes(1)));

        for (String token : new String[] {expired, SecretToken.generate().value(), "garbage", "x".repeat(100)}) {
            var refused = confirm(token, OTHER_PASSWORD);
            assertThat(refused.status()).as(token).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_token");
            assertThat(refused.json().path("message").asText()).contains("link");
        }
        assertThat(server.client().signIn("reset.late@example.com", PASSWORD).status()).isEqualTo(200);
    }
}
