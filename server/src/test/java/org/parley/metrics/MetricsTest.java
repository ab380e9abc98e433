package org.parley.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.config.Config;
import org.parley.config.ConfigException;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The operator's Prometheus endpoint (issue 14): served only with PARLEY_METRICS_TOKEN and only to
 * its bearer; Parley's own numbers move as people use it; nothing in it names anyone.
 */
class MetricsTest {
    static final String TOKEN = "metrics-token-for-the-test-0123456789";
    static final String PASSWORD = "correct horse battery staple 91";

    @Test
    void withoutTheSettingThereIsNoMetricsEndpoint() {
        try (var server = TestServer.start()) {
            assertThat(server.client().get("/metrics").status()).isEqualTo(404);
            assertThat(server.client().get("/metrics", Map.of("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(404);
        }
    }

    @Test
    void aTokenTooShortToBeSafeIsRefusedAtStartWithAClearMessage() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PARLEY_METRICS_TOKEN", "secret")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PARLEY_METRICS_TOKEN must be at least 24 characters");
    }

    @Test
    void onlyTheBearerOfTheTokenReadsParleysNumbersAndTheyMoveWithUse() throws Exception {
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_METRICS_TOKEN", TOKEN), Clock.systemUTC())) {
            ApiClient anyone = server.client();
            var refused = anyone.get("/metrics");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).contains("Authorization: Bearer");
            assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(anyone.get("/metrics", Map.of("Authorization", "Bearer " + TOKEN + "x")).status()).isEqualTo(401);
            assertThat(anyone.get("/metrics", Map.of("Authorization", TOKEN)).status()).isEqualTo(401);

            String before = scrape(server);
            assertThat(value(before, "parley_relay_messages_in_total")).isZero();

            // two people meet and chat: the relay's counters and gauges move
            ApiClient olga = server.client();
            olga.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            ApiClient ivan = server.client();
            ivan.registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            String id = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Counted, not read",
                    "invitees", List.of("ivan@example.com"))).json().path("id").asText();
            InvitationSecret k = InvitationSecret.random(new SecureRandom());
            try (SessionClient organizer = join(server, id, olga, k); SessionClient invitee = join(server, id, ivan, k)) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (invitee.membership().map(m -> m.members().size() < 2).orElse(true) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                organizer.sendChat("a secret the metrics never see");
                String during = scrape(server);
                assertThat(value(during, "parley_relay_rooms")).isEqualTo(1);
                assertThat(value(during, "parley_relay_participants")).isEqualTo(2);
                assertThat(value(during, "parley_relay_messages_in_total")).isGreaterThanOrEqualTo(4); // JOINs, KEY, ADMIT, DATA
                assertThat(value(during, "parley_relay_bytes_out_total")).isPositive();
                assertThat(during).doesNotContain("a secret").doesNotContain("olga@example.com").doesNotContain(id);
            }
            String after = scrape(server);
            // every request so far is timed under its declared route, not its concrete path
            assertThat(after).contains("parley_http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/meetings\",status=\"201\"}");
            assertThat(after).doesNotContain("route=\"/api/v1/meetings/" + id);
            assertThat(after).contains("parley_relay_closes_total{reason=\"slow_consumer\"}");
            assertThat(value(after, "parley_db_pool_connections_max")).isPositive();
            assertThat(after).contains("parley_jvm_memory_used_bytes").contains("parley_process_uptime_seconds");
            assertThat(after.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                    .as("every metric is Parley's").allMatch(l -> l.startsWith("parley_"));
        }
    }

    private static SessionClient join(TestServer server, String meetingId, ApiClient as, InvitationSecret k) {
        return SessionClient.connector(java.net.URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/meetings/"
                        + meetingId + "/relay"))
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow()).invitation(k).connect();
    }

    private static String scrape(TestServer server) {
        var response = server.client().get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of an unlabelled sample, e.g. {@code parley_relay_rooms 1.0}. */
    private static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
        assertThat(m.find()).as("%s in the scrape", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
