package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;

/**
 * API.md: GET /api/v1/me/export holds everything Parley stores about the account. Checked
 * against the database itself: every column of the account's row and of every row in a table
 * with an account_id (or organizer_id) column appears in the export with its value — except the hashes that only
 * protect the account.
 */
class ExportTest {
    private static final Set<String> NOT_EXPORTED = Set.of("password_hash", "token_hash", "csrf_hash", "key_hash", "ticket_hash",
            "pairing_hash", "account_id", "organizer_id", "technician_id", "owner_id");
    /** Columns that point at the account: a row with one of them is the account's data. */
    private static final List<String> OWNER_COLUMNS = List.of("account_id", "organizer_id", "technician_id", "owner_id");

    @ParameterizedTest
    @EnumSource(TestDatabase.Backend.class)
    void theExportIsADownloadWithEveryStoredColumnOfTheAccount(TestDatabase.Backend backend) {
        try (var server = TestServer.start(backend)) {
            var client = server.client();
            var id = UUID.fromString(client.registerAndSignIn(server, "Ida", "Export", "ida@example.com", PASSWORD)
                    .json().path("id").asText());
            leaveTracesInEveryTable(server, client);

            var response = client.get("/api/v1/me/export");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
            assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            List<JsonNode> objects = objectsIn(response.json());
            var stored = new StoredRows(server);
            var accountRow = stored.rowsOf("accounts", "id", id).getFirst();
            accountRow.forEach((column, value) -> {
                if (!NOT_EXPORTED.contains(column)) {
                    assertThat(objects).as("accounts." + column + " = " + value + " in " + response.body())
                            .anySatisfy(o -> assertThat(matches(o, column, value)).isTrue());
                }
            });
            var tablesChecked = new ArrayList<String>();
            for (String table : stored.tables()) {
                var owner = OWNER_COLUMNS.stream().filter(stored.columns(table)::contains).findFirst();
                if (table.equals("accounts") || owner.isEmpty()) {
                    continue;
                }
                var rows = stored.rowsOf(table, owner.get(), id);
                if (!rows.isEmpty()) {
                    tablesChecked.add(table);
                }
                for (Map<String, Object> row : rows) {
                    assertThat(objects).as(table + " row " + row + " in " + response.body())
                            .anySatisfy(o -> assertThat(row.entrySet()).allSatisfy(cell -> assertThat(
                                    NOT_EXPORTED.contains(cell.getKey()) || matches(o, cell.getKey(), cell.getValue())).isTrue()));
                }
            }
            assertThat(tablesChecked).contains("sessions", "security_events", "account_tokens", "policy_acceptances", "meetings",
                    "support_sessions", "support_team_members", "machines", "machine_connections");
        }
    }

    /** A second session, a failed sign-in, preferences, a pending email change, a reset link, a policy acceptance, a meeting. */
    static void leaveTracesInEveryTable(TestServer server, ApiClient client) {
        String email = client.get("/api/v1/me").json().path("email").asText();
        assertThat(server.client().post("/api/v1/session", Map.of("email", email, "password", PASSWORD, "remember", true)).status())
                .isEqualTo(200);
        assertThat(server.client().signIn(email, "not the password at all 1").status()).isEqualTo(401);
        assertThat(client.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", false)).status()).isEqualTo(200);
        assertThat(client.patch("/api/v1/me", Map.of("email", "moved." + email)).status()).isEqualTo(200);
        assertThat(server.client().post("/api/v1/password-reset", Map.of("email", email)).status()).isEqualTo(202);
        assertThat(client.post("/api/v1/me/policy-acceptance", Map.of("version", 1)).status()).isEqualTo(204);
        var meeting = client.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Export planning",
                "startsAt", Instant.now().plus(java.time.Duration.ofDays(1)).toString(), "durationMinutes", 30, "timeZone", "UTC",
                "invitees", List.of("guest@example.com")));
        assertThat(meeting.status()).as(meeting.body()).isEqualTo(201);
        supportAndComputers(server, client);
    }

    /** A support team, a support session a customer joined, a computer with a grant, and a call to it. */
    static void supportAndComputers(TestServer server, ApiClient client) {
        String team = client.post("/api/v1/support-teams", Map.of("name", "Export Desk")).json().path("id").asText();
        String key = client.post("/api/v1/support-sessions", Map.of("teamId", team)).json().path("supportKey").asText();
        assertThat(server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key, "name", "Cora Customer"))
                .status()).isEqualTo(200);
        var enrolled = server.client().post("/api/v1/machines", Map.of("name", "Export PC"));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String machine = enrolled.json().path("id").asText();
        assertThat(client.post("/api/v1/machines/approve", Map.of("pairingCode", enrolled.json().path("pairingCode").asText()))
                .status()).isEqualTo(200);
        assertThat(client.post("/api/v1/machines/" + machine + "/grants", Map.of("email", "helper@example.com")).status())
                .isEqualTo(201);
        // the computer is offline: the attempt is still in its owner's list
        assertThat(client.post("/api/v1/machines/" + machine + "/connect", Map.of()).status()).isEqualTo(409);
    }

    private static List<JsonNode> objectsIn(JsonNode node) {
        var all = new ArrayList<JsonNode>();
        if (node.isObject()) {
            all.add(node);
        }
        node.elements().forEachRemaining(child -> all.addAll(objectsIn(child)));
        return all;
    }

    /** Whether the export object has the column (named in camelCase) with the stored value. */
    private static boolean matches(JsonNode object, String column, Object value) {
        String field = camelCase(column);
        if (!object.has(field)) {
            return false;
        }
        JsonNode exported = object.get(field);
        return switch (value) {
            case null -> exported.isNull();
            case Timestamp t -> exported.isTextual() && Instant.parse(exported.asText()).equals(t.toInstant());
            case OffsetDateTime t -> exported.isTextual() && Instant.parse(exported.asText()).equals(t.toInstant());
            case Boolean b -> exported.isBoolean() && exported.booleanValue() == b;
            case Number n -> exported.isNumber() && exported.asText().equals(n.toString());
            default -> exported.asText().equals(value.toString());
        };
    }

    private static String camelCase(String column) {
        var name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
