package org.parley.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Enrolment, the owner's access switch, tickets, and what the machine itself says and reports. */
class MachineAccessTest extends MachineApi {

    @Test
    void anEnrolledMachineWaitsForItsPairingCodeAndThenBelongsToWhoeverTypedIt() {
        var enrolled = server.client().send("POST", "/api/v1/machines", Map.of("name", "Office PC"), newAddress());
        assertThat(enrolled.status()).isEqualTo(201);
        JsonNode json = enrolled.json();
        String code = json.path("pairingCode").asText();
        assertThat(code).matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        assertThat(json.path("approveUrl").asText()).isEqualTo(server.server().baseUrl() + "/machines.html#pair=" + code);
        assertThat(json.path("machineToken").asText()).hasSize(43);
        assertThat(Duration.between(clock.instant(), Instant.parse(json.path("expiresAt").asText())).toMinutes()).isEqualTo(30);
        var machine = new Enrolled(json.path("id").asText(), json.path("machineToken").asText(), code);

        var waiting = server.client().get("/api/v1/machines/self", machine.bearer());
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().path("status").asText()).isEqualTo("pending");
        assertThat(waiting.json().path("owner").isNull()).isTrue();
        assertThat(RoomSocket.upgrade(relayUrl(path(machine) + "/relay"), machine.bearer())).isEqualTo(403);

        String typed = " " + code.toLowerCase(Locale.ROOT).replace("-", " - ") + " ";
        var approved = owner.post("/api/v1/machines/approve", Map.of("pairingCode", typed));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("id").asText()).isEqualTo(machine.id());
        assertThat(approved.json().path("status").asText()).isEqualTo("enabled");
        assertThat(approved.json().path("owner").path("name").asText()).isEqualTo("Olga Tester");
        assertThat(approved.json().path("online").asBoolean()).isFalse();
        assertThat(approved.json().path("grants").size()).isZero();

        assertThat(owner.post("/api/v1/machines/approve", Map.of("pairingCode", code)).status()).isEqualTo(404);
        assertThat(owner.get("/api/v1/machines").json().path("owned").findValuesAsText("id")).contains(machine.id());
        var self = server.client().get("/api/v1/machines/self", machine.bearer());
        assertThat(self.json().path("status").asText()).isEqualTo("enabled");
        assertThat(self.json().path("owner").path("name").asText()).isEqualTo("Olga Tester");
        assertThat(server.client().get("/api/v1/machines/self").status()).isEqualTo(401);
        assertThat(server.client().get("/api/v1/machines/self", Map.of("Authorization", "Bearer nonsense")).status()).isEqualTo(401);
    }

    @Test
    void aPausedMachineRefusesCallersWithTheReasonAndEveryAttemptIsListed() {
        var machine = approved(owner, "Office PC");
        Instant until = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        var paused = owner.patch(path(machine), Map.of("access", "paused", "pausedUntil", until.toString()));
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("status").asText()).isEqualTo("paused");
        assertThat(Instant.parse(paused.json().path("pausedUntil").asText())).isEqualTo(until);
        var listed = owner.get("/api/v1/machines").json().path("owned").findParents("id").stream()
                .filter(m -> m.path("id").asText().equals(machine.id())).findFirst().orElseThrow();
        assertThat(listed.path("status").asText()).isEqualTo("paused");

        var refused = owner.post(path(machine) + "/connect", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("paused");
        String shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(until);
        assertThat(refused.json().path("message").asText()).isEqualTo("Access to \u201cOffice PC\u201d is paused until " + shown + " UTC.");

        assertThat(owner.patch(path(machine), Map.of("access", "enabled")).json().path("status").asText()).isEqualTo("enabled");
        var offline = owner.post(path(machine) + "/connect", null);
        assertThat(offline.status()).isEqualTo(409);
        assertThat(offline.error()).isEqualTo("offline");
        assertThat(offline.json().path("message").asText()).isEqualTo("\u201cOffice PC\u201d is not online.");

        whileOnline(machine, () -> {
            assertThat(owner.get(path(machine)).json().path("online").asBoolean()).isTrue();
            var connect = owner.post(path(machine) + "/connect", null);
            assertThat(connect.status()).as(connect.body()).isEqualTo(201);
            String relayPath = connect.json().path("relayPath").asText();
            String ticket = connect.json().path("ticket").asText();
            assertThat(relayPath).isEqualTo(path(machine) + "/relay?ticket=" + ticket);
            assertThat(outcomes(machine).getFirst()).isEqualTo("requested");

            var caller = RoomSocket.caller(server.baseUrl(), relayPath);
            assertThat(owner.get(path(machine)).json().path("online").asBoolean()).isTrue();
            assertThat(RoomSocket.upgrade(relayUrl(relayPath), Map.of())).isEqualTo(404);
            assertThat(outcomes(machine)).containsExactly("connected", "offline", "refused_paused");
            clock.advance(Duration.ofSeconds(42));
            caller.leave();
            eventually(() -> outcomes(machine).getFirst(), "ended");
            JsonNode row = connections(machine).get(0);
            assertThat(row.path("who").path("name").asText()).isEqualTo("Olga Tester");
            assertThat(row.path("who").path("email").asText()).isEqualTo("olga@example.com");
            assertThat(row.path("seconds").asLong()).isEqualTo(42);
            assertThat(row.path("connectedAt").isNull()).isFalse();
            assertThat(connections(machine).get(1).path("connectedAt").isNull()).isTrue();
        });
        eventually(() -> owner.get(path(machine)).json().path("online").asBoolean(), false);
        assertThat(owner.get(path(machine)).json().path("lastSeenAt").isNull()).isFalse();
    }

    @Test
    void aPauseRunsOutByItselfAndPausingClosesTheCallerButNotTheMachine() {
        var machine = approved(owner, "Reception");
        whileOnline(machine, () -> {
            var caller = callerIn(machine, owner);
            var paused = owner.patch(path(machine), Map.of("access", "paused",
                    "pausedUntil", clock.instant().plus(Duration.ofMinutes(10)).toString()));
            assertThat(paused.status()).isEqualTo(200);
            assertThat(caller.awaitClose()).isEqualTo(4403);
            assertThat(caller.closeReason()).startsWith("Access to \u201cReception\u201d is paused until");
            assertThat(owner.get(path(machine)).json().path("online").asBoolean()).isTrue();

            clock.advance(Duration.ofMinutes(11));
            var view = owner.get(path(machine)).json();
            assertThat(view.path("status").asText()).isEqualTo("enabled");
            assertThat(view.path("pausedUntil").isNull()).isTrue();
            assertThat(owner.post(path(machine) + "/connect", null).status()).isEqualTo(201);
        });
    }

    @Test
    void aCallerPastTheGateWhoJoinsAfterAPauseOrRevokeIsRefusedWithTheReason() {
        var machine = approved(owner, "Front desk");
        whileOnline(machine, () -> {
            // the upgrade is let through; the pause comes before the caller's JOIN
            var caller = RoomSocket.upgraded(server.baseUrl(), owner.post(path(machine) + "/connect", null)
                    .json().path("relayPath").asText());
            Instant until = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
            assertThat(owner.patch(path(machine), Map.of("access", "paused", "pausedUntil", until.toString())).status())
                    .isEqualTo(200);
            caller.sendJoin();
            assertThat(caller.awaitClose()).isEqualTo(4403);
            String shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(until);
            assertThat(caller.closeReason()).isEqualTo("Access to \u201cFront desk\u201d is paused until " + shown + " UTC.");
            assertThat(outcomes(machine)).containsExactly("refused_paused");
            assertThat(connections(machine).get(0).path("connectedAt").isNull()).isTrue();

            assertThat(owner.patch(path(machine), Map.of("access", "enabled")).status()).isEqualTo(200);
            var late = RoomSocket.upgraded(server.baseUrl(), owner.post(path(machine) + "/connect", null)
                    .json().path("relayPath").asText());
            assertThat(owner.patch(path(machine), Map.of("access", "revoked")).status()).isEqualTo(200);
            late.sendJoin();
            assertThat(late.awaitClose()).isEqualTo(4403);
            assertThat(late.closeReason()).isEqualTo("Access to \u201cFront desk\u201d was revoked by its owner.");
            assertThat(outcomes(machine)).containsExactly("refused_revoked", "refused_paused");
        });
    }

    @Test
    void aRevokedMachineStaysRevokedWhateverArrivesAtTheSameTime() throws Exception {
        var machine = approved(owner, "Contested");
        var answers = atOnce(8, i -> owner.patch(path(machine),
                Map.of("access", i == 0 ? "revoked" : i % 2 == 0 ? "enabled" : "paused")));
        assertThat(answers).extracting(r -> r.status() + " " + r.error()).allSatisfy(answer -> assertThat(answer).isIn("200 ", "409 conflict"));
        assertThat(owner.get(path(machine)).json().path("status").asText()).isEqualTo("revoked");
        assertThat(owner.patch(path(machine), Map.of("access", "enabled")).status()).isEqualTo(409);
        assertThat(owner.patch(path(machine), Map.of("access", "revoked")).status()).isEqualTo(200);
    }

    @Test
    void aTicketOpensOnlyItsOwnMachinesRoomOnceWithinAMinute() {
        var machine = approved(owner, "Lab PC");
        var other = approved(owner, "Other PC");
        whileOnline(machine, () -> {
            String late = owner.post(path(machine) + "/connect", null).json().path("relayPath").asText();
            clock.advance(Duration.ofSeconds(61));
            assertThat(RoomSocket.upgrade(relayUrl(late), Map.of())).isEqualTo(404);

            String relay = path(machine) + "/relay";
            assertThat(RoomSocket.upgrade(relayUrl(relay + "?ticket=forged"), Map.of())).isEqualTo(404);
            assertThat(RoomSocket.upgrade(relayUrl(relay), Map.of())).isEqualTo(401);
            String ticket = owner.post(path(machine) + "/connect", null).json().path("ticket").asText();
            assertThat(RoomSocket.upgrade(relayUrl(path(other) + "/relay?ticket=" + ticket), Map.of())).isEqualTo(404);
            assertThat(RoomSocket.upgrade(relayUrl(relay), other.bearer())).isEqualTo(404);
        });
    }

    @Test
    void revokingIsFinalRefusesCallersAndClosesTheCallerAndTheMachine() {
        var machine = approved(owner, "Old laptop");
        var agent = online(machine);
        var caller = callerIn(machine, owner);

        var revoked = owner.patch(path(machine), Map.of("access", "revoked"));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
        assertThat(caller.awaitClose()).isEqualTo(4403);
        assertThat(caller.closeReason()).isEqualTo("Access to \u201cOld laptop\u201d was revoked by its owner.");
        assertThat(agent.awaitClose()).isEqualTo(4403);

        var refused = owner.post(path(machine) + "/connect", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("revoked");
        assertThat(refused.json().path("message").asText()).isEqualTo("Access to \u201cOld laptop\u201d was revoked by its owner.");
        assertThat(owner.patch(path(machine), Map.of("access", "enabled")).status()).isEqualTo(409);
        assertThat(owner.patch(path(machine), Map.of("access", "paused")).status()).isEqualTo(409);
        assertThat(RoomSocket.upgrade(relayUrl(path(machine) + "/relay"), machine.bearer())).isEqualTo(403);
        assertThat(server.client().get("/api/v1/machines/self", machine.bearer()).json().path("status").asText()).isEqualTo("revoked");
        assertThat(outcomes(machine)).containsExactly("refused_revoked", "ended");
    }

    @Test
    void theMachinePausesOrRevokesItselfAndReportsHowAccessPasswordsWent() {
        var machine = approved(owner, "Home PC");
        var other = approved(owner, "Other");
        var agentApi = server.client();
        var paused = agentApi.send("PATCH", path(machine), Map.of("access", "paused"), machine.bearer());
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("status").asText()).isEqualTo("paused");
        assertThat(paused.json().path("pausedUntil").isNull()).isTrue();
        assertThat(owner.post(path(machine) + "/connect", null).json().path("message").asText())
                .isEqualTo("Access to \u201cHome PC\u201d is paused.");
        assertThat(agentApi.send("PATCH", path(machine), Map.of("access", "enabled"), other.bearer()).status()).isEqualTo(404);
        assertThat(agentApi.send("PATCH", path(machine), Map.of("access", "enabled"), machine.bearer()).status()).isEqualTo(200);

        try (var agent = online(machine)) {
            String connectionId = owner.post(path(machine) + "/connect", null).json().path("connectionId").asText();
            String events = path(machine) + "/events";
            assertThat(agentApi.send("POST", events, Map.of("connectionId", connectionId, "event", "password_refused"),
                    machine.bearer()).status()).isEqualTo(204);
            assertThat(outcomes(machine).getFirst()).isEqualTo("wrong_password");
            agentApi.send("POST", events, Map.of("connectionId", connectionId, "event", "locked_out"), machine.bearer());
            assertThat(outcomes(machine).getFirst()).isEqualTo("locked_out");
            agentApi.send("POST", events, Map.of("connectionId", connectionId, "event", "password_accepted"), machine.bearer());
            assertThat(outcomes(machine).getFirst()).isEqualTo("connected");
            // the agent is not told the attempt's id, only the caller's participant id in the room; its
            // reports can arrive after a later caller entered, and still land on the right attempt
            var first = callerIn(machine, owner);
            var second = callerIn(machine, owner);
            assertThat(agentApi.send("POST", events, Map.of("participant", second.participant(), "event", "password_accepted"),
                    machine.bearer()).status()).isEqualTo(204);
            assertThat(agentApi.send("POST", events, Map.of("participant", first.participant(), "event", "password_refused"),
                    machine.bearer()).status()).isEqualTo(204);
            assertThat(outcomes(machine)).containsExactly("connected", "wrong_password", "connected", "refused_paused");
            first.leave();
            second.leave();
            eventually(() -> connections(machine).get(1).path("endedAt").isNull(), false);
            eventually(() -> connections(machine).get(0).path("endedAt").isNull(), false);
            assertThat(outcomes(machine)).containsExactly("ended", "wrong_password", "connected", "refused_paused");
            assertThat(agentApi.send("POST", events, Map.of("event", "password_refused"), machine.bearer()).status())
                    .as("an event that names no caller").isEqualTo(400);
            assertThat(agentApi.send("POST", events, Map.of("participant", first.participant(), "connectionId", connectionId,
                    "event", "password_refused"), machine.bearer()).status()).as("an event that names two").isEqualTo(400);
            assertThat(agentApi.send("POST", events, Map.of("participant", 999, "event", "password_refused"), machine.bearer())
                    .status()).as("a participant who never entered").isEqualTo(404);
            assertThat(agentApi.send("POST", events, Map.of("participant", 0, "event", "password_refused"), machine.bearer())
                    .status()).isEqualTo(400);

            assertThat(agentApi.send("POST", events, Map.of("connectionId", connectionId, "event", "hacked"), machine.bearer())
                    .status()).isEqualTo(400);
            assertThat(agentApi.send("POST", events, Map.of("connectionId", "nope", "event", "locked_out"), machine.bearer())
                    .status()).isEqualTo(400);
            assertThat(agentApi.send("POST", events, Map.of("connectionId", UUID.randomUUID().toString(), "event", "locked_out"),
                    machine.bearer()).status()).isEqualTo(404);
            assertThat(agentApi.send("POST", path(other) + "/events", Map.of("connectionId", connectionId, "event", "locked_out"),
                    other.bearer()).status()).isEqualTo(404);
            assertThat(agentApi.post(events, Map.of("event", "locked_out")).status()).isEqualTo(401);
            assertThat(owner.post(events, Map.of("event", "locked_out")).status()).isEqualTo(401);

            var revoked = agentApi.send("PATCH", path(machine), Map.of("access", "revoked"), machine.bearer());
            assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
            assertThat(agent.awaitClose()).isEqualTo(4403);
        }
    }

    @Test
    void aMachineNobodyApprovedInTimeIsRefusedEverythingAndPurged() {
        var machine = enrol("Forgotten");
        clock.advance(Duration.ofMinutes(31));
        assertThat(owner.post("/api/v1/machines/approve", Map.of("pairingCode", machine.code())).status()).isEqualTo(404);
        assertThat(server.client().get("/api/v1/machines/self", machine.bearer()).status()).isEqualTo(401);
        assertThat(RoomSocket.upgrade(relayUrl(path(machine) + "/relay"), machine.bearer())).isEqualTo(404);
        var rows = new org.parley.privacy.StoredRows(server);
        assertThat(rows.rowsOf("machines", "id", UUID.fromString(machine.id()))).hasSize(1);
        assertThat(purgeNow()).isGreaterThanOrEqualTo(1);
        assertThat(rows.rowsOf("machines", "id", UUID.fromString(machine.id()))).isEmpty();
    }

    /** The server's periodic purge ({@link MachineFeature#purgeExpired}), run now on its database. */
    static int purgeNow() {
        var jdbi = server.server().database().jdbi();
        return new Enrolment(jdbi, new MachineStore(jdbi), new ConnectionLog(jdbi), new byte[32], clock).purgeExpired();
    }

    @Test
    void badInputGetsAClearRefusalAndMalformedIdsAre404() {
        var machine = approved(owner, "Desk");
        var anonymous = server.client();
        for (Object body : List.of(Map.of(), Map.of("name", ""), Map.of("name", "x".repeat(101)), Map.of("name", 7),
                Map.of("name", "PC", "os", "linux"), "[1]", "{")) {
            var refused = anonymous.send("POST", "/api/v1/machines", body, newAddress());
            assertThat(refused.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(refused.json().path("message").asText()).isNotBlank();
        }
        assertThat(owner.post("/api/v1/machines/approve", Map.of("pairingCode", "hello")).json().path("message").asText())
                .isEqualTo("A pairing code is eight letters and digits, such as ABCD-EFGH.");
        Instant now = clock.instant();
        for (var body : List.<Map<String, Object>>of(Map.of("access", "sleeping"), Map.of(), Map.of("access", true),
                Map.of("access", "paused", "pausedUntil", now.minusSeconds(60).toString()),
                Map.of("access", "paused", "pausedUntil", now.plus(Duration.ofDays(400)).toString()),
                Map.of("access", "paused", "pausedUntil", "tomorrow"),
                Map.of("access", "enabled", "pausedUntil", now.plusSeconds(600).toString()))) {
            var refused = owner.patch(path(machine), body);
            assertThat(refused.status()).as(body.toString()).isEqualTo(400);
            assertThat(refused.json().path("message").asText()).isNotBlank();
        }
        assertThat(owner.post(path(machine) + "/grants", Map.of("email", "not an address")).status()).isEqualTo(400);
        assertThat(owner.post(path(machine) + "/grants", Map.of("email", "olga@example.com")).status()).isEqualTo(400);
        assertThat(owner.delete(path(machine) + "/grants/not-an-address", null).status()).isEqualTo(404);
        for (String id : List.of("nope", "00000000-0000-0000-0000-00000000000", UUID.randomUUID().toString(), "..%2F..")) {
            assertThat(owner.get("/api/v1/machines/" + id).status()).isEqualTo(404);
            assertThat(owner.post("/api/v1/machines/" + id + "/connect", null).status()).isEqualTo(404);
            assertThat(owner.patch("/api/v1/machines/" + id, Map.of("access", "paused")).status()).isEqualTo(404);
        }
        assertThat(anonymous.get("/api/v1/machines").status()).isEqualTo(401);
        assertThat(anonymous.post(path(machine) + "/connect", null).status()).isEqualTo(401);
        var forgedPage = server.client();
        forgedPage.signIn("olga@example.com", PASSWORD);
        assertThat(forgedPage.withoutCsrf().post(path(machine) + "/connect", null).status()).isEqualTo(403);
    }
}
