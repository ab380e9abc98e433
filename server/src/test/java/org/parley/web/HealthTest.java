package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.TestServer;

class HealthTest {
    @Test
    void healthSaysOkWhenTheDatabaseAnswers() {
        try (var server = TestServer.start()) {
            var response = server.client().get("/api/v1/health");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aSignedUpUserCanSignIn() {
        try (var server = TestServer.start()) {
            var client = server.client();
            var signedIn = client.registerAndSignIn(server, "Ada", "Lovelace", "ada@example.com", "correct horse battery staple 91");
            assertThat(signedIn.status()).isEqualTo(200);
            assertThat(client.get("/api/v1/me").json().path("email").asText()).isEqualTo("ada@example.com");
        }
    }
}
