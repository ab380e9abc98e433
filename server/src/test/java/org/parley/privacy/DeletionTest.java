package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.account.AccountSteps;

/**
 * API.md: DELETE /api/v1/me erases the account's personal data. The whole journey — register,
 * verify, sign in, use every feature, export, delete — then every table and every column is
 * searched for anything that identifies the person. Runs on H2 and PostgreSQL.
 */
class DeletionTest {
    private static final String IP = "198.51.100.73";
    private static final String USER_AGENT = "Mozilla/5.0 (DeletionTest; Quetzalcoatl-Browser/7.3)";
    private static final String EMAIL = "zephyrine.quillfeather@example.org";

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void afterDeletionNothingPersonalAboutTheAccountRemainsInAnyTable(TestDatabase.Backend backend) {
        try (var server = TestServer.start(backend, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC())) {
            var bystander = server.client();
            bystander.registerAndSignIn(server, "Bystander", "Stays", "bystander@example.com", PASSWORD);
            var from = Map.of("X-Forwarded-For", IP);
            var client = server.client().userAgent(USER_AGENT);
            String id = AccountSteps.registerAndSignIn(server, client, from, "Zephyrine", "Quillfeather", EMAIL)
                    .json().path("id").asText();
            assertThat(server.client().userAgent(USER_AGENT).send("POST", "/api/v1/session", Map.of("email", EMAIL, "password", "wrong password, sorry 9",
                    "remember", false), from).status()).isEqualTo(401);
            assertThat(client.send("PUT", "/api/v1/me/preferences", Map.of("newsletter", true, "offers", true), from).status()).isEqualTo(200);
            assertThat(client.send("PATCH", "/api/v1/me", Map.of("email", "zephyrine.new@example.org"), from).status()).isEqualTo(200);
            assertThat(client.send("POST", "/api/v1/password-reset", Map.of("email", EMAIL), from).status()).isEqualTo(202);
            assertThat(client.send("POST", "/api/v1/me/policy-acceptance", Map.of("version", 1), from).status()).isEqualTo(204);
            assertThat(client.send("POST", "/api/v1/unsubscribe", Map.of("email", EMAIL, "newsletter", false, "offers", true), from)
                    .status()).isEqualTo(202);
            assertThat(client.send("POST", "/api/v1/meetings", Map.of("kind", "meeting", "subject", "Zephyrine's planning",
                    "startsAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString(), "durationMinutes", 30,
                    "timeZone", "UTC", "invitees", List.of("bystander@example.com")), from).status()).isEqualTo(201);
            ExportTest.supportAndComputers(server, client);
            assertThat(client.send("GET", "/api/v1/me/export", null, from).status()).isEqualTo(200);
            var stored = new StoredRows(server);
            List<String> personal = List.of(EMAIL, "zephyrine", "quillfeather", id, IP, USER_AGENT, "Quetzalcoatl");
            assertThat(stored.whereFound(personal)).as("the search finds the data while it is there").isNotEmpty();

            var deleted = client.send("DELETE", "/api/v1/me", Map.of("password", PASSWORD), from);

            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(deleted.allHeaders("Set-Cookie")).allSatisfy(c -> assertThat(c).contains("Max-Age=0"));
            assertThat(stored.whereFound(personal)).isEmpty();
            assertThat(stored.whereFound(List.of("bystander@example.com"))).as("other accounts are untouched").isNotEmpty();
            assertThat(bystander.get("/api/v1/me").status()).isEqualTo(200);
            assertThat(server.client().signIn(EMAIL, PASSWORD).status()).isEqualTo(401);
            server.awaitMail(EMAIL, "Your Parley account was deleted");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void deletingNeedsThePasswordAndAWrongOneKeepsEverything(TestDatabase.Backend backend) {
        try (var server = TestServer.start(backend)) {
            var client = server.client();
            client.registerAndSignIn(server, "Careful", "Keeper", "keeper@example.com", PASSWORD);

            var refused = client.delete("/api/v1/me", Map.of("password", "this is not my password 3"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("wrong_password");
            assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        }
    }
}
