package org.parley.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.ApiClient;
import org.parley.Eventually;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.config.Config;
import org.parley.config.ConfigException;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The operator's API (issue 14): only the accounts in PARLEY_ADMIN_EMAILS get it; they find and
 * disable accounts (which ends their sessions and relay connections), see live rooms as metadata
 * only, read the security log with IP and user agent, set retention and publish a policy version.
 */
class OperatorTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static final String SUBJECT = "Quarterly layoffs, strictly private";
    static final String CHAT = "the operator must never read this";

    @Test
    void aListThatIsNotAddressesIsRefusedAtStartWithAClearMessage() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PARLEY_ADMIN_EMAILS", "ops@example.com; root")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_ADMIN_EMAILS must be email addresses");
        assertThat(Config.fromEnvironment(Map.of("PARLEY_ADMIN_EMAILS", " Ops@Example.com, ,second@example.com ")).operatorEmails())
                .containsExactly("ops@example.com", "second@example.com");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void onlyAnOperatorSeesAccountsRoomsAndTheLogAndDisablingEndsEverySessionOfThatAccount(TestDatabase.Backend backend) throws Exception {
        try (var server = TestServer.start(backend, Map.of("PARLEY_ADMIN_EMAILS", "ops@example.com"), Clock.systemUTC())) {
            ApiClient olga = server.client();
            olga.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            ApiClient ivan = server.client();
            ivan.registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);

            // as the attacker: nobody, and a signed-in non-operator
            assertThat(server.client().get("/api/v1/operator/accounts").status()).isEqualTo(401);
            var refused = olga.get("/api/v1/operator/accounts");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("message").asText()).contains("for the operators of this Parley server");
            assertThat(olga.get("/api/v1/operator").json().path("operator").asBoolean()).isFalse();
            String ivanId = ivan.get("/api/v1/me").json().path("id").asText();
            assertThat(olga.post("/api/v1/operator/accounts/" + ivanId + "/disable", Map.of()).status()).isEqualTo(403);
            assertThat(olga.get("/api/v1/operator/security-log").status()).isEqualTo(403);
            assertThat(olga.put("/api/v1/operator/retention", Map.of("qualityDays", 1)).status()).isEqualTo(403);
            assertThat(olga.post("/api/v1/operator/policies", Map.of("effectiveAt", Instant.now().toString(), "text", "mine")).status())
                    .isEqualTo(403);

            ApiClient ops = server.client();
            ops.registerAndSignIn(server, "Otto", "Operator", "ops@example.com", PASSWORD);
            assertThat(ops.get("/api/v1/operator").json().path("operator").asBoolean()).isTrue();

            // accounts: a search by name or address; LIKE's wildcards are only themselves
            var search = ops.get("/api/v1/operator/accounts?q=IVAN");
            var found = search.json().path("accounts");
            assertThat(found).as(search.body()).hasSize(1);
            assertThat(found.get(0).path("email").asText()).isEqualTo("ivan@example.com");
            assertThat(found.get(0).path("disabledAt").isNull()).isTrue();
            assertThat(ops.get("/api/v1/operator/accounts?q=Olga%20Org").json().path("accounts")).hasSize(1);
            assertThat(ops.get("/api/v1/operator/accounts?q=%25").json().path("accounts")).isEmpty();
            assertThat(ops.get("/api/v1/operator/accounts").json().path("accounts")).hasSize(3);
            assertThat(ops.get("/api/v1/operator/accounts?q=" + "x".repeat(255)).status()).isEqualTo(400);

            // live rooms: whose, how many, who — not the subject, not the chat
            String meeting = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", SUBJECT,
                    "invitees", List.of("ivan@example.com"))).json().path("id").asText();
            InvitationSecret k = InvitationSecret.random(new SecureRandom());
            var ivanEvents = new CopyOnWriteArrayList<SessionEvent>();
            try (SessionClient organizer = join(server, meeting, olga, k, e -> { });
                 SessionClient invitee = join(server, meeting, ivan, k, ivanEvents::add)) {
                Eventually.eventually(() -> invitee.membership().map(m -> m.members().size()).orElse(0), 2);
                organizer.sendChat(CHAT);
                var rooms = ops.get("/api/v1/operator/rooms");
                var room = rooms.json().path("rooms").get(0);
                assertThat(rooms.json().path("rooms")).hasSize(1);
                assertThat(room.path("kind").asText()).isEqualTo("meeting");
                assertThat(room.path("owner").asText()).isEqualTo("olga@example.com");
                assertThat(room.path("admitted").asInt()).isEqualTo(2);
                assertThat(room.path("present").findValuesAsText("name")).containsExactly("Olga Organizer", "Ivan Invitee");
                assertThat(rooms.body()).doesNotContain(SUBJECT).doesNotContain(CHAT);

                // disabling: the CSRF header is required, the operator cannot lock themselves out
                String opsId = ops.get("/api/v1/me").json().path("id").asText();
                assertThat(ops.post("/api/v1/operator/accounts/" + opsId + "/disable", Map.of()).json().path("message").asText())
                        .contains("cannot disable your own account");
                assertThat(server.client().withoutCsrf().post("/api/v1/operator/accounts/" + ivanId + "/disable", Map.of()).status())
                        .isEqualTo(401);
                var disabled = ops.post("/api/v1/operator/accounts/" + ivanId + "/disable", Map.of());
                assertThat(disabled.status()).isEqualTo(200);
                assertThat(disabled.json().path("disabledAt").isTextual()).isTrue();

                // Ivan is out of the meeting, signed out, and cannot sign in (a wrong password still says only that)
                Eventually.eventually(() -> ivanEvents.stream().anyMatch(e -> e instanceof SessionEvent.Closed c
                        && c.reason().contains("disabled by the operator")), true);
                assertThat(ivan.get("/api/v1/me").status()).isEqualTo(401);
                var signIn = server.client().signIn("ivan@example.com", PASSWORD);
                assertThat(signIn.status()).isEqualTo(403);
                assertThat(signIn.json().path("message").asText()).contains("disabled by the operator");
                assertThat(server.client().signIn("ivan@example.com", "wrong " + PASSWORD).status()).isEqualTo(401);
            }
            assertThat(ops.post("/api/v1/operator/accounts/" + ivanId + "/enable", Map.of()).json().path("disabledAt").isNull()).isTrue();
            assertThat(server.client().signIn("ivan@example.com", PASSWORD).status()).isEqualTo(200);
            assertThat(ops.post("/api/v1/operator/accounts/" + java.util.UUID.randomUUID() + "/disable", Map.of()).status()).isEqualTo(404);

            // the security log: a password guesser's lockout with address and browser, and the operator's own changes
            ApiClient mallory = server.client().userAgent("Mallory-Guesser/1.0");
            for (int i = 0; i < 11; i++) {
                mallory.signIn("olga@example.com", "guess " + i);
            }
            assertThat(mallory.signIn("olga@example.com", "guess 11").status()).isEqualTo(429);
            var limited = ops.get("/api/v1/operator/security-log?event=rate_limited").json().path("entries");
            assertThat(limited).isNotEmpty();
            assertThat(limited.get(0).path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(limited.get(0).path("userAgent").asText()).isEqualTo("Mallory-Guesser/1.0");
            assertThat(limited.get(0).path("detail").asText()).contains("POST /api/v1/session");
            var log = ops.get("/api/v1/operator/security-log").body();
            assertThat(log).contains("account_disabled").contains("account_enabled").contains("by operator ops@example.com")
                    .doesNotContain(PASSWORD).doesNotContain("guess 1");
            assertThat(ops.get("/api/v1/operator/security-log?event=DROP%20TABLE").status()).isEqualTo(400);
            assertThat(ops.get("/api/v1/operator/security-log?limit=100000").status()).isEqualTo(400);
        }
    }

    @Test
    void retentionIsTheOperatorsChoiceAndOlderEntriesGo() {
        try (var server = TestServer.start(TestDatabase.Backend.H2,
                Map.of("PARLEY_ADMIN_EMAILS", "ops@example.com", "PARLEY_QUALITY_RETENTION_DAYS", "45"), Clock.systemUTC())) {
            ApiClient ops = server.client();
            ops.registerAndSignIn(server, "Otto", "Operator", "ops@example.com", PASSWORD);
            var periods = ops.get("/api/v1/operator/retention").json();
            assertThat(periods.path("qualityDays").asInt()).as("from the environment").isEqualTo(45);
            assertThat(periods.path("securityLogDays").asInt()).isEqualTo(90);

            assertThat(ops.put("/api/v1/operator/retention", Map.of("qualityDays", 0)).json().path("message").asText())
                    .isEqualTo("Quality reports (days) must be a whole number from 1 to 3650.");
            assertThat(ops.put("/api/v1/operator/retention", Map.of("securityLogDays", "seven")).json().path("message").asText())
                    .startsWith("Security log (days) must be a whole number");
            var saved = ops.put("/api/v1/operator/retention", Map.of("qualityDays", 30, "securityLogDays", 7)).json();
            assertThat(saved.path("qualityDays").asInt()).isEqualTo(30);
            assertThat(server.server().operator().qualityRetention()).isEqualTo(Duration.ofDays(30));

            var jdbi = server.server().database().jdbi();
            for (int daysAgo : new int[] {8, 6}) {
                jdbi.useHandle(h -> h.createUpdate("insert into security_log (at, level, event) values (:at, 'WARN', :event)")
                        .bind("at", Timestamp.from(Instant.now().minus(Duration.ofDays(daysAgo)))).bind("event", "old_" + daysAgo).execute());
            }
            assertThat(server.server().operator().purgeSecurityLog()).isEqualTo(1);
            String log = ops.get("/api/v1/operator/security-log").body();
            assertThat(log).doesNotContain("old_8").contains("old_6").contains("retention_changed");
        }
    }

    @Test
    void anOperatorPublishesAPolicyVersionAndAMaterialOneOnlyWithADaysNotice() {
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_ADMIN_EMAILS", "ops@example.com"), Clock.systemUTC())) {
            ApiClient ops = server.client();
            ops.registerAndSignIn(server, "Otto", "Operator", "ops@example.com", PASSWORD);
            String soon = Instant.now().plus(Duration.ofHours(2)).toString();
            assertThat(ops.post("/api/v1/operator/policies", Map.of("effectiveAt", soon, "material", true, "text", "New terms")).json().path("message").asText())
                    .startsWith("A material change must take effect at least 24 hours after publication");
            assertThat(ops.post("/api/v1/operator/policies", Map.of("effectiveAt", "tomorrow", "text", "New terms")).json().path("message").asText())
                    .startsWith("Takes effect: give a date and time");
            assertThat(ops.post("/api/v1/operator/policies", Map.of("effectiveAt", soon, "text", "  ")).status()).isEqualTo(400);

            var published = ops.post("/api/v1/operator/policies", Map.of("effectiveAt", Instant.now().minusSeconds(1).toString(),
                    "text", "Parley privacy policy, version 4\n\nA typo fixed."));
            assertThat(published.status()).isEqualTo(201);
            assertThat(published.json().path("version").asInt()).isEqualTo(4);
            var policy = server.client().get("/api/v1/policy").json();
            assertThat(policy.path("version").asInt()).isEqualTo(4);
            assertThat(policy.path("text").asText()).contains("A typo fixed.");
            assertThat(ops.get("/api/v1/operator/security-log?event=policy_published").body()).contains("version 4");
        }
    }

    private static SessionClient join(TestServer server, String meetingId, ApiClient as, InvitationSecret k,
                                      org.parley.protocol.client.SessionListener listener) {
        return SessionClient.connector(URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/meetings/" + meetingId + "/relay"))
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow()).invitation(k).listener(listener)
                .connect();
    }
}
