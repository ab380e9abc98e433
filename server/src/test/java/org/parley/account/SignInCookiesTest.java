package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.OTHER_PASSWORD;
import static org.parley.account.AccountSteps.PASSWORD;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.privacy.StoredRows;
import org.parley.security.SecretToken;

/** DESIGN.md §5 and API.md "Sessions of the browser": what the cookies hold and how sessions begin and end. */
class SignInCookiesTest {
    private static final String RANDOM_TOKEN = "[A-Za-z0-9_-]{43}";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Optional<String> setCookie(ApiClient.Response response, String name) {
        return response.allHeaders("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    private static String valueOf(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static ApiClient.Response getMeWithCookie(String cookieHeader) {
        return server.client().get("/api/v1/me", Map.of("Cookie", cookieHeader));
    }

    @Test
    void cookiesHoldOnlyRandomTokensNeverThePasswordEmailNameOrAccountId() {
        var client = server.client();
        var signIn = client.registerAndSignIn(server, "Grace", "Hopper", "grace@example.com", PASSWORD);
        String id = signIn.json().path("id").asText();

        var setCookies = signIn.allHeaders("Set-Cookie");
        assertThat(setCookies).hasSize(2);
        for (String setCookie : setCookies) {
            String value = valueOf(setCookie);
            assertThat(value).matches(RANDOM_TOKEN);
            assertThat(value.toLowerCase()).doesNotContain("grace", "hopper", "example", id, id.replace("-", ""));
            assertThat(setCookie).doesNotContain(PASSWORD, "grace@example.com", id);
        }
        assertThat(client.cookies()).allSatisfy(c -> assertThat(c.getValue()).matches(RANDOM_TOKEN));
        var again = server.client().signIn("grace@example.com", PASSWORD);
        assertThat(valueOf(setCookie(again, SignInCookies.SESSION).orElseThrow()))
                .isNotEqualTo(client.cookie(SignInCookies.SESSION).orElseThrow());
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxWhileTheCsrfCookieIsReadableByThePage() {
        var signIn = server.client().registerAndSignIn(server, "Alan", "Turing", "alan@example.com", PASSWORD);

        String session = setCookie(signIn, SignInCookies.SESSION).orElseThrow();
        String csrf = setCookie(signIn, SignInCookies.CSRF).orElseThrow();
        assertThat(session).contains("; HttpOnly", "; SameSite=Lax", "; Path=/").doesNotContain("Secure");
        assertThat(csrf).contains("; SameSite=Lax", "; Path=/").doesNotContain("HttpOnly");
    }

    @Test
    void cookiesAreSecureWhenTheSiteIsServedOverHttps() {
        try (var https = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_BASE_URL", "https://parley.example"),
                java.time.Clock.systemUTC())) {
            var signIn = https.client().registerAndSignIn(https, "Ada", "Byron", "ada@example.com", PASSWORD);
            assertThat(signIn.allHeaders("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("; Secure"));
        }
    }

    @Test
    void signingInStartsANewSessionAndTheCookieOfTheOldOneStopsWorking() {
        var client = server.client();
        client.registerAndSignIn(server, "Edsger", "Dijkstra", "edsger@example.com", PASSWORD);
        String first = client.cookie(SignInCookies.SESSION).orElseThrow();

        assertThat(client.signIn("edsger@example.com", PASSWORD).status()).isEqualTo(200);
        String second = client.cookie(SignInCookies.SESSION).orElseThrow();

        assertThat(second).isNotEqualTo(first);
        assertThat(getMeWithCookie(SignInCookies.SESSION + "=" + first).status()).isEqualTo(401);
        assertThat(getMeWithCookie(SignInCookies.SESSION + "=" + second).status()).isEqualTo(200);
    }

    @Test
    void aFailedSignInAttemptLeavesTheCurrentSessionAlone() {
        var client = server.client();
        client.registerAndSignIn(server, "Radia", "Perlman", "radia@example.com", PASSWORD);

        assertThat(client.signIn("radia@example.com", "not my password at all 4").status()).isEqualTo(401);
        assertThat(client.signIn("someone.else@example.com", PASSWORD).status()).isEqualTo(401);

        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aSessionCookiePlantedBeforeSignInIsReplacedAndNeverBecomesValid() {
        server.client().registerAndSignIn(server, "Barbara", "Liskov", "barbara@example.com", PASSWORD);
        String planted = SecretToken.generate().value();

        var signIn = server.client().send("POST", "/api/v1/session",
                Map.of("email", "barbara@example.com", "password", PASSWORD, "remember", false),
                Map.of("Cookie", SignInCookies.SESSION + "=" + planted));

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(valueOf(setCookie(signIn, SignInCookies.SESSION).orElseThrow())).isNotEqualTo(planted);
        assertThat(getMeWithCookie(SignInCookies.SESSION + "=" + planted).status()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerNotJustInTheBrowser() {
        var client = server.client();
        String id = client.registerAndSignIn(server, "Donald", "Knuth", "donald@example.com", PASSWORD).json().path("id").asText();
        String cookie = client.cookie(SignInCookies.SESSION).orElseThrow();

        var signOut = client.delete("/api/v1/session", null);

        assertThat(signOut.status()).isEqualTo(204);
        assertThat(signOut.allHeaders("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("=;", "Max-Age=0"));
        assertThat(getMeWithCookie(SignInCookies.SESSION + "=" + cookie).status()).isEqualTo(401);
        assertThat(new StoredRows(server).rowsOf("sessions", "account_id", java.util.UUID.fromString(id))).isEmpty();
    }

    @Test
    void keepMeSignedInSetsAMaxAgeOtherwiseTheCookiesEndWithTheBrowser() {
        server.client().registerAndSignIn(server, "Frances", "Allen", "frances@example.com", PASSWORD);

        var remembered = server.client().post("/api/v1/session", Map.of("email", "frances@example.com", "password", PASSWORD, "remember", true));
        var forgotten = server.client().post("/api/v1/session", Map.of("email", "frances@example.com", "password", PASSWORD, "remember", false));

        assertThat(remembered.allHeaders("Set-Cookie")).hasSize(2)
                .allSatisfy(c -> assertThat(c).contains("; Max-Age=" + SignInStore.REMEMBERED.toSeconds()));
        assertThat(forgotten.allHeaders("Set-Cookie")).hasSize(2)
                .allSatisfy(c -> assertThat(c).doesNotContain("Max-Age", "Expires"));
    }

    @Test
    void changingThePasswordSignsOutOtherSessionsButKeepsThisOne() {
        var laptop = server.client();
        laptop.registerAndSignIn(server, "Margaret", "Hamilton", "margaret@example.com", PASSWORD);
        var phone = server.client();
        assertThat(phone.signIn("margaret@example.com", PASSWORD).status()).isEqualTo(200);

        var change = laptop.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", OTHER_PASSWORD));

        assertThat(change.status()).isEqualTo(204);
        assertThat(laptop.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(server.client().signIn("margaret@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(server.client().signIn("margaret@example.com", OTHER_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void sessionTokensAreStoredOnlyAsHashes() {
        var client = server.client();
        String id = client.registerAndSignIn(server, "Katherine", "Johnson", "katherine@example.com", PASSWORD).json().path("id").asText();
        String session = client.cookie(SignInCookies.SESSION).orElseThrow();
        String csrf = client.cookie(SignInCookies.CSRF).orElseThrow();

        var stored = new StoredRows(server);
        List<java.util.Map<String, Object>> rows = stored.rowsOf("sessions", "account_id", java.util.UUID.fromString(id));

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("token_hash")).isEqualTo(SecretToken.sha256Hex(session));
        assertThat(rows.getFirst().get("csrf_hash")).isEqualTo(SecretToken.sha256Hex(csrf));
        assertThat(stored.whereFound(List.of(session, csrf))).isEmpty();
    }
}
