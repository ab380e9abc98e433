package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;
import static org.parley.account.AccountSteps.token;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/** API.md: PATCH /api/v1/me — a new email must be verified before it becomes the login. */
class EmailChangeTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewEmailBecomesTheLoginOnlyOnceConfirmedFromThatMailbox() {
        var client = server.client();
        client.registerAndSignIn(server, "Moving", "House", "old.address@example.com", PASSWORD);

        var patched = client.patch("/api/v1/me", Map.of("email", "new.address@example.com"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("email").asText()).isEqualTo("old.address@example.com");
        assertThat(patched.json().path("pendingEmail").asText()).isEqualTo("new.address@example.com");
        assertThat(server.client().signIn("new.address@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn("old.address@example.com", PASSWORD).status()).isEqualTo(200);
        server.awaitMail("old.address@example.com", "Your Parley email is being changed");

        String link = TestServer.link(server.awaitMail("new.address@example.com", "Confirm your new email"), "/verify.html");
        assertThat(server.client().post("/api/v1/accounts/verify", Map.of("token", token(link))).status()).isEqualTo(204);

        assertThat(server.client().signIn("new.address@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(server.client().signIn("old.address@example.com", PASSWORD).status()).isEqualTo(401);
        var me = client.get("/api/v1/me").json();
        assertThat(me.path("email").asText()).isEqualTo("new.address@example.com");
        assertThat(me.path("pendingEmail").isNull()).isTrue();
    }

    @Test
    void askingForAnAddressThatHasAnAccountAnswersLikeAFreeOneAndDoesNotTakeIt() {
        server.client().registerAndSignIn(server, "Already", "There", "occupied@example.com", PASSWORD);
        var asker = server.client();
        asker.registerAndSignIn(server, "Curious", "Asker", "asker@example.com", PASSWORD);
        var other = server.client();
        other.registerAndSignIn(server, "Curious", "Other", "other.asker@example.com", PASSWORD);

        var taken = asker.patch("/api/v1/me", Map.of("email", "occupied@example.com"));
        var free = other.patch("/api/v1/me", Map.of("email", "unoccupied@example.com"));

        assertThat(taken.status()).isEqualTo(free.status()).isEqualTo(200);
        assertThat(taken.json().path("pendingEmail").asText()).isEqualTo("occupied@example.com");
        assertThat(free.json().path("pendingEmail").asText()).isEqualTo("unoccupied@example.com");
        server.awaitMail("occupied@example.com", "Someone tried to sign up with your email");
        assertThat(server.client().signIn("occupied@example.com", PASSWORD).json().path("firstName").asText()).isEqualTo("Already");
    }
}
