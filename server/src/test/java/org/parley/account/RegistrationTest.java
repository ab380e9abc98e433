package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;
import static org.parley.account.AccountSteps.applicant;
import static org.parley.account.AccountSteps.token;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.Mails;
import org.parley.TestServer;
import org.parley.privacy.StoredRows;

/** API.md: POST /api/v1/accounts and /accounts/verify, and what an unverified account may do. */
class RegistrationTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static java.util.List<String> fieldNames(org.parley.ApiClient.Response response) {
        var names = new ArrayList<String>();
        response.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String verifyToken(String email) {
        return token(TestServer.link(server.awaitMail(email, "Confirm your email"), "/verify.html"));
    }

    @Test
    void aWeakPasswordIsRefusedWithAdviceOnHowToChooseABetterOne() {
        var tooSimple = server.client().post("/api/v1/accounts", Map.of("firstName", "Weak", "lastName", "Tester",
                "email", "weak@example.com", "password", "password1234"));
        var ownName = server.client().post("/api/v1/accounts", Map.of("firstName", "Weak", "lastName", "Zebrafinch",
                "email", "weak2@example.com", "password", "zebrafinch lighthouse marmalade 7"));

        assertThat(tooSimple.status()).isEqualTo(400);
        assertThat(tooSimple.error()).isEqualTo("weak_password");
        assertThat(tooSimple.json().path("message").asText()).contains("too easy to guess").hasSizeGreaterThan(40);
        assertThat(ownName.status()).isEqualTo(400);
        assertThat(ownName.error()).isEqualTo("weak_password");
        assertThat(ownName.json().path("message").asText()).contains("name");
        assertThat(new StoredRows(server).rows("accounts")).noneMatch(r -> r.get("email").toString().startsWith("weak"));
    }

    @Test
    void registeringATakenEmailAnswersExactlyLikeANewRegistrationAndMailsTheOwnerInstead() {
        var first = server.client().post("/api/v1/accounts", applicant("Owner", "Original", "taken@example.com"));
        var second = server.client().post("/api/v1/accounts", applicant("Someone", "Else", "Taken@Example.com"));

        assertThat(second.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(fieldNames(second)).isEqualTo(fieldNames(first))
                .containsExactly("id", "email", "firstName", "lastName");
        assertThat(second.json().path("email").asText()).isEqualTo(first.json().path("email").asText());
        assertThat(second.json().path("firstName").asText()).isEqualTo("Someone");
        assertThat(second.json().path("id").asText()).isNotEqualTo(first.json().path("id").asText()).hasSize(36);
        var owner = server.awaitMail("taken@example.com", "Someone tried to sign up with your email");
        assertThat(Mails.text(owner)).contains("/reset.html");
        var stored = new StoredRows(server).rowsOf("accounts", "email", "taken@example.com");
        assertThat(stored).singleElement().satisfies(row -> assertThat(row.get("first_name")).isEqualTo("Owner"));
    }

    @Test
    void anUnverifiedAccountCannotSignInAndIsSentAFreshLink() {
        server.client().post("/api/v1/accounts", applicant("Not", "Yet", "unverified@example.com"));
        String firstToken = verifyToken("unverified@example.com");

        var signIn = server.client().signIn("unverified@example.com", PASSWORD);

        assertThat(signIn.status()).isEqualTo(403);
        assertThat(signIn.error()).isEqualTo("email_not_verified");
        var resent = server.awaitMail(m -> Mails.to(m).contains("unverified@example.com") && Mails.subject(m).contains("Confirm your email")
                && !token(TestServer.link(m, "/verify.html")).equals(firstToken), "a second verification mail");
        var client = server.client();
        assertThat(client.post("/api/v1/accounts/verify", Map.of("token", token(TestServer.link(resent, "/verify.html")))).status())
                .isEqualTo(204);
        assertThat(client.signIn("unverified@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/me").json().path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void aVerificationLinkWorksOnceAndBadLinksGetAClear400() {
        server.client().post("/api/v1/accounts", applicant("Once", "Only", "once@example.com"));
        String token = verifyToken("once@example.com");

        assertThat(server.client().post("/api/v1/accounts/verify", Map.of("token", token)).status()).isEqualTo(204);
        var bad = new ArrayList<String>();
        bad.add(token);
        bad.add(org.parley.security.SecretToken.generate().value());
        bad.add("not-a-token");
        for (String wrong : bad) {
            var again = server.client().post("/api/v1/accounts/verify", Map.of("token", wrong));
            assertThat(again.status()).as(wrong).isEqualTo(400);
            assertThat(again.error()).isEqualTo("invalid_token");
            assertThat(again.json().path("message").asText()).contains("link");
        }
    }
}
