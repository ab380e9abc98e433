package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server answered 2xx to is on disk: the server runs as its own process on the embedded
 * database, and is killed with SIGKILL (no shutdown hook, no close) right after its last answer,
 * or stopped with SIGTERM, then started again on the same PARLEY_DATA_DIR.
 */
class DurabilityTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    @TempDir
    Path dataDir;
    private ServerProcess running;

    @AfterEach
    void killTheChild() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void whatWasAnsweredSurvivesKillMinusNine() {
        ApiClient before = startServer();
        String sessionCookie = signedUpWithNewsletter(before, "kill9@example.com");
        var lastWrite = before.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", true));
        assertThat(lastWrite.status()).isEqualTo(200);

        running.kill();

        ApiClient after = startServer();
        assertThat(after.get("/api/v1/me", Map.of("Cookie", "parley_session=" + sessionCookie)).json().path("email").asText())
                .as("the session created before the kill still signs in").isEqualTo("kill9@example.com");
        assertThat(after.signIn("kill9@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(after.get("/api/v1/me/preferences").json().path("offers").asBoolean())
                .as("the last write before the kill").isTrue();
        assertThat(after.post("/api/v1/accounts", registration("kill9@example.com")).status()).isEqualTo(201);
        awaitMail("kill9@example.com", "Someone tried to sign up");
    }

    @Test
    void whatWasAnsweredSurvivesACleanStop() {
        ApiClient before = startServer();
        signedUpWithNewsletter(before, "sigterm@example.com");

        running.terminate();
        assertThat(running.output()).doesNotContain("\tat ", "Exception");

        ApiClient after = startServer();
        assertThat(after.signIn("sigterm@example.com", PASSWORD).status()).isEqualTo(200);
        assertThat(after.get("/api/v1/me/preferences").json().path("newsletter").asBoolean()).isTrue();
    }

    /** Registers through the API, confirms the address from the outbox, signs in, turns the newsletter on; returns the session token. */
    private String signedUpWithNewsletter(ApiClient client, String email) {
        assertThat(client.post("/api/v1/accounts", registration(email)).status()).isEqualTo(201);
        String link = TestServer.link(awaitMail(email, "Confirm your email"), "/verify.html");
        String token = URI.create(link).getQuery().replaceFirst("^.*token=", "");
        assertThat(client.post("/api/v1/accounts/verify", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(client.signIn(email, PASSWORD).status()).isEqualTo(200);
        assertThat(client.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", false)).status()).isEqualTo(200);
        return client.cookie("parley_session").orElseThrow();
    }

    private ApiClient startServer() {
        running = ServerProcess.start(Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", dataDir.toString()));
        return new ApiClient("http://127.0.0.1:" + running.awaitPort(START_WITHIN));
    }

    private static Map<String, Object> registration(String email) {
        return Map.of("firstName", "Dura", "lastName", "Bility", "email", email, "password", PASSWORD);
    }

    /** Waits (up to 10 s) for an .eml in the outbox to {@code to} whose subject contains {@code subjectPart}. */
    private MimeMessage awaitMail(String to, String subjectPart) {
        return new Outbox(dataDir.resolve("outbox")).await(to, subjectPart);
    }
}
