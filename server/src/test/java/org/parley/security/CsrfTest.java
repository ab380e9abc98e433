package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.OTHER_PASSWORD;
import static org.parley.account.AccountSteps.PASSWORD;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.privacy.StoredRows;

/**
 * API.md: every state-changing request authenticated by cookie must carry X-Parley-CSRF equal to
 * the parley_csrf cookie issued with that very session, or it is refused with 403 csrf and
 * changes nothing. The routes come from the server itself, so a new route is covered at once.
 */
class CsrfTest {
    /**
     * State-changing routes that work without a session (a mailed token or nothing authorizes them),
     * so there is no cookie-borne authority for a forged request to borrow.
     */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/accounts", "POST /api/v1/accounts/verify",
            "POST /api/v1/session", "POST /api/v1/unsubscribe", "POST /api/v1/unsubscribe/{token}",
            "POST /api/v1/password-reset", "POST /api/v1/password-reset/confirm", "POST /api/v1/meetings/{id}/registrations",
            "DELETE /api/v1/registrations/{token}",
            // no account: the customer's support key, a team portal's request, the agent's enrolment and reports (bearer token)
            "POST /api/v1/support-sessions/join", "POST /api/v1/support-teams/{id}/requests", "POST /api/v1/machines",
            "POST /api/v1/machines/{id}/events");
    /** Bodies that would succeed with the right header, so a refusal is the CSRF check's doing. */
    private static final Map<String, Object> VALID_BODIES = Map.of(
            "PATCH /api/v1/me", Map.of("firstName", "Mallory", "email", "mallory@example.com"),
            "DELETE /api/v1/me", Map.of("password", PASSWORD),
            "POST /api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", OTHER_PASSWORD),
            "PUT /api/v1/me/preferences", Map.of("newsletter", true, "offers", true),
            "POST /api/v1/me/policy-acceptance", Map.of("version", 1));
    private static TestServer server;
    private static ApiClient victim;
    private static ApiClient attacker;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        victim = server.client();
        victim.registerAndSignIn(server, "Victor", "Victim", "victor@example.com", PASSWORD);
        attacker = server.client();
        attacker.registerAndSignIn(server, "Mallory", "Attacker", "mallory.a@example.com", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> protectedRoutes() {
        var routes = server.server().routes().stream()
                .filter(r -> r.matches("(POST|PUT|PATCH|DELETE) /api/.*") && !PUBLIC.contains(r)).sorted().toList();
        assertThat(routes).as("routes " + server.server().routes()).containsAll(VALID_BODIES.keySet()).contains("DELETE /api/v1/session");
        return routes;
    }

    private static ApiClient.Response send(String route, Map<String, String> headers) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        Object body = VALID_BODIES.getOrDefault(route, method.equals("DELETE") ? null : Map.of());
        // a fresh client has no cookie jar of its own: exactly the cookies and header given here are sent
        return server.client().send(method, path, body, headers);
    }

    private static void assertRefusedAndNothingChanged(String route, Map<String, String> headers, String what) {
        assertThat(victim.get("/api/v1/me").status()).as("the victim is signed in").isEqualTo(200);
        var stored = new StoredRows(server);
        var before = stored.snapshot();

        var response = send(route, headers);

        assertThat(response.status()).as(route + " " + what + ": " + response.body()).isEqualTo(403);
        assertThat(response.error()).as(route + " " + what).isEqualTo("csrf");
        assertThat(stored.snapshot()).as(route + " " + what + " changed the database").isEqualTo(before);
    }

    private static String cookies(String csrfCookie) {
        return "parley_session=" + victim.cookie("parley_session").orElseThrow() + "; parley_csrf=" + csrfCookie;
    }

    @Test
    void everyStateChangingRouteRefusesARequestWithoutTheHeader() {
        for (String route : protectedRoutes()) {
            assertRefusedAndNothingChanged(route, Map.of("Cookie", cookies(victim.cookie("parley_csrf").orElseThrow())), "without header");
        }
    }

    @Test
    void everyStateChangingRouteRefusesAWrongHeader() {
        for (String route : protectedRoutes()) {
            var headers = new HashMap<String, String>();
            headers.put("Cookie", cookies(victim.cookie("parley_csrf").orElseThrow()));
            headers.put("X-Parley-CSRF", SecretToken.generate().value());
            assertRefusedAndNothingChanged(route, headers, "with a wrong header");
        }
    }

    @Test
    void everyStateChangingRouteRefusesACsrfPairPlantedFromAnotherSession() {
        String planted = attacker.cookie("parley_csrf").orElseThrow();
        for (String route : protectedRoutes()) {
            assertRefusedAndNothingChanged(route, Map.of("Cookie", cookies(planted), "X-Parley-CSRF", planted),
                    "with the attacker's own cookie and header");
        }
    }

    @Test
    void theSameRequestWithTheSessionsOwnTokenIsAccepted() {
        String csrf = victim.cookie("parley_csrf").orElseThrow();

        var response = send("PUT /api/v1/me/preferences", Map.of("Cookie", cookies(csrf), "X-Parley-CSRF", csrf));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(victim.get("/api/v1/me/preferences").json().path("newsletter").asBoolean()).isTrue();
    }
}
