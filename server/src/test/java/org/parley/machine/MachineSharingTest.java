package org.parley.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.Eventually.eventually;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.privacy.StoredRows;

/** Technicians and strangers, guessing, deleting, and what the database keeps. */
class MachineSharingTest extends MachineApi {

    @Test
    void aGrantedTechnicianSeesAndConnectsAndIsClosedOutWhenTheGrantGoes() {
        var machine = approved(owner, "Shop till");
        var granted = owner.post(path(machine) + "/grants", Map.of("email", "Tina@Example.com"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().path("grants").get(0).asText()).isEqualTo("tina@example.com");

        var technician = signedUp("Tina", "tina@example.com");
        var stranger = signedUp("Sam", "sam.machines@example.com");
        var list = technician.get("/api/v1/machines").json();
        assertThat(list.path("owned").size()).isZero();
        assertThat(list.path("granted").findValuesAsText("id")).containsExactly(machine.id());
        var seen = technician.get(path(machine));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().has("grants")).isFalse();
        assertThat(seen.json().path("owner").path("name").asText()).isEqualTo("Olga Tester");
        assertThat(technician.get(path(machine) + "/connections").status()).isEqualTo(403);
        assertThat(technician.patch(path(machine), Map.of("access", "revoked")).status()).isEqualTo(403);
        assertThat(technician.post(path(machine) + "/grants", Map.of("email", "sam.machines@example.com")).status()).isEqualTo(403);

        for (var request : List.of(stranger.get(path(machine)), stranger.post(path(machine) + "/connect", null),
                stranger.get(path(machine) + "/connections"), stranger.patch(path(machine), Map.of("access", "revoked")),
                stranger.delete(path(machine), null), stranger.post(path(machine) + "/grants", Map.of("email", "sam@example.com")))) {
            assertThat(request.status()).as(request.body()).isEqualTo(404);
            assertThat(request.body()).isEqualTo(stranger.get("/api/v1/machines/" + UUID.randomUUID()).body());
        }
        assertThat(stranger.get("/api/v1/machines").json().path("granted").size()).isZero();

        whileOnline(machine, () -> {
            var caller = callerIn(machine, technician);
            var ownerCaller = callerIn(machine, owner);

            assertThat(owner.delete(path(machine) + "/grants/tina%40example.com", null).status()).isEqualTo(204);
            assertThat(caller.awaitClose()).isEqualTo(4403);
            assertThat(caller.closeReason()).isEqualTo("Your access to \u201cShop till\u201d was removed by its owner.");
            assertThat(technician.post(path(machine) + "/connect", null).status()).isEqualTo(404);
            assertThat(technician.get(path(machine)).status()).isEqualTo(404);
            assertThat(owner.delete(path(machine) + "/grants/tina%40example.com", null).status()).isEqualTo(404);
            assertThat(owner.get(path(machine)).json().path("online").asBoolean()).isTrue();
            ownerCaller.close();
        });
        // the owner's socket was cut, not closed politely: the server records its end a moment later
        eventually(() -> outcomes(machine), List.of("ended", "ended"));
        var rows = connections(machine);
        assertThat(rows.findValuesAsText("email")).containsExactly("olga@example.com", "tina@example.com");
        assertThat(rows.findValuesAsText("outcome")).containsExactly("ended", "ended");
        assertThat(rows.get(1).path("who").path("name").asText()).isEqualTo("Tina Tester");
    }

    @Test
    void aTechnicianWhoseGrantGoesBeforeTheTicketIsUsedCannotEnter() {
        var machine = approved(owner, "Warehouse");
        owner.post(path(machine) + "/grants", Map.of("email", "tom@example.com"));
        var technician = signedUp("Tom", "tom@example.com");
        whileOnline(machine, () -> {
            String relayPath = technician.post(path(machine) + "/connect", null).json().path("relayPath").asText();
            assertThat(owner.delete(path(machine) + "/grants/tom@example.com", null).status()).isEqualTo(204);
            assertThat(RoomSocket.upgrade(relayUrl(relayPath), Map.of())).isEqualTo(404);
            assertThat(outcomes(machine)).containsExactly("refused_revoked");
        });
    }

    @Test
    void aTechnicianPastTheGateWhoseGrantGoesBeforeTheJoinIsRefusedWithTheReason() {
        var machine = approved(owner, "Workshop");
        owner.post(path(machine) + "/grants", Map.of("email", "tara@example.com"));
        var technician = signedUp("Tara", "tara@example.com");
        whileOnline(machine, () -> {
            var caller = RoomSocket.upgraded(server.baseUrl(), technician.post(path(machine) + "/connect", null)
                    .json().path("relayPath").asText());
            assertThat(owner.delete(path(machine) + "/grants/tara%40example.com", null).status()).isEqualTo(204);
            caller.sendJoin();
            assertThat(caller.awaitClose()).isEqualTo(4403);
            assertThat(caller.closeReason()).isEqualTo("Your access to \u201cWorkshop\u201d was removed by its owner.");
            var rows = connections(machine);
            assertThat(rows.findValuesAsText("outcome")).containsExactly("refused_revoked");
            assertThat(rows.get(0).path("who").path("email").asText()).isEqualTo("tara@example.com");
            assertThat(rows.get(0).path("connectedAt").isNull()).isTrue();
        });
    }

    @Test
    void grantsSentAtOnceAreGrantedOnceEachAndNeverPassTheLimit() throws Exception {
        var machine = approved(owner, "Shared PC");
        var same = atOnce(8, i -> owner.post(path(machine) + "/grants", Map.of("email", "pat@example.com")));
        assertThat(same).extracting(ApiClient.Response::status).containsOnly(201);
        assertThat(owner.get(path(machine)).json().path("grants").toString()).isEqualTo("[\"pat@example.com\"]");

        for (int i = 1; i < Machines.MAX_GRANTS - 2; i++) {
            assertThat(owner.post(path(machine) + "/grants", Map.of("email", "tech" + i + "@example.com")).status()).isEqualTo(201);
        }
        var last = atOnce(6, i -> owner.post(path(machine) + "/grants", Map.of("email", "late" + i + "@example.com")));
        assertThat(last).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(201, 201, 400, 400, 400, 400);
        assertThat(owner.get(path(machine)).json().path("grants").size()).isEqualTo(Machines.MAX_GRANTS);
    }

    @Test
    void pairingCodesGuessedInParallelAreCountedAllTheSame() throws Exception {
        var guesser = signedUp("Pia", "pia@example.com");
        var from = newAddress();
        var answers = atOnce(20, i -> guesser.send("POST", "/api/v1/machines/approve",
                Map.of("pairingCode", "ABCD-EFG" + (i % 8 + 2)), from));
        assertThat(answers).extracting(ApiClient.Response::status).filteredOn(status -> status == 404).hasSize(10);
        assertThat(answers).filteredOn(r -> r.status() != 404).extracting(r -> r.status() + " " + r.json().path("message").asText())
                .hasSize(10).allSatisfy(answer -> assertThat(answer).startsWith("429 Too many attempts. Please wait"));
    }

    @Test
    void wrongPairingCodesAreCountedAndTheEleventhIsRefused() {
        var guesser = signedUp("Gus", "gus@example.com");
        var machine = enrol("Target");
        for (int i = 0; i < 10; i++) {
            var wrong = guesser.post("/api/v1/machines/approve", Map.of("pairingCode", "ABCD-EFG" + (i % 8 + 2)));
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.json().path("message").asText()).isEqualTo("No computer is waiting with this pairing code. Check the code "
                    + "shown on the computer; codes expire after 30 minutes.");
        }
        var limited = guesser.post("/api/v1/machines/approve", Map.of("pairingCode", machine.code()));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isPresent();
        assertThat(owner.post("/api/v1/machines/approve", Map.of("pairingCode", machine.code())).status()).isEqualTo(200);
    }

    @Test
    void enrolmentsAreLimitedPerAddress() {
        var from = newAddress();
        for (int i = 0; i < 10; i++) {
            assertThat(server.client().send("POST", "/api/v1/machines", Map.of("name", "PC " + i), from).status()).isEqualTo(201);
        }
        var limited = server.client().send("POST", "/api/v1/machines", Map.of("name", "PC 11"), from);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("rate_limited");
    }

    @Test
    void deletingAnAccountTakesItsMachinesAlongAndLeavesOnlyTimesOfItsConnectionsToOthers() {
        var dora = signedUp("Dora", "dora@example.com");
        var machine = approved(dora, "Dora's PC");
        dora.post(path(machine) + "/grants", Map.of("email", "ted@example.com"));
        var ted = signedUp("Ted", "ted@example.com");
        var rows = new StoredRows(server);
        var id = UUID.fromString(machine.id());
        try (var agent = online(machine)) {
            var tedInRoom = callerIn(machine, ted);
            assertThat(ted.delete("/api/v1/me", Map.of("password", PASSWORD)).status()).isEqualTo(204);
            assertThat(tedInRoom.awaitClose()).isEqualTo(4410);
            assertThat(rows.rowsOf("machine_grants", "machine_id", id)).isEmpty();
            var tedsRow = rows.rowsOf("machine_connections", "machine_id", id).getFirst();
            assertThat(tedsRow.get("display_name")).isEqualTo("Deleted account");
            assertThat(tedsRow.get("email")).isNull();
            assertThat(tedsRow.get("account_id")).isNull();
            assertThat(rows.whereFound(List.of("ted@example.com", "Ted Tester"))).isEmpty();

            var doraInRoom = callerIn(machine, dora);
            assertThat(dora.delete("/api/v1/me", Map.of("password", PASSWORD)).status()).isEqualTo(204);
            assertThat(agent.awaitClose()).isEqualTo(4410);
            assertThat(doraInRoom.awaitClose()).isEqualTo(4410);
        }
        assertThat(rows.rowsOf("machines", "id", id)).isEmpty();
        assertThat(rows.rowsOf("machine_grants", "machine_id", id)).isEmpty();
        assertThat(rows.rowsOf("machine_connections", "machine_id", id)).isEmpty();
        assertThat(server.client().get("/api/v1/machines/self", machine.bearer()).status()).isEqualTo(401);
        assertThat(rows.whereFound(List.of("dora@example.com", "Dora's PC"))).isEmpty();
    }

    @Test
    void noTableHoldsAMachineTokenPairingCodeOrTicketInClear() {
        var waiting = enrol("Secret keeper");
        var machine = approved(owner, "Kiosk");
        var ticket = new AtomicReference<String>();
        whileOnline(machine, () -> ticket.set(owner.post(path(machine) + "/connect", null).json().path("ticket").asText()));
        assertThat(ticket.get()).hasSize(43);
        var secrets = List.of(waiting.token(), waiting.code(), waiting.code().replace("-", ""), machine.token(),
                machine.code().replace("-", ""), ticket.get());
        assertThat(new StoredRows(server).whereFound(secrets)).isEmpty();
    }

    @Test
    void forgettingAMachineClosesItsRoomAndItsTokenStopsWorking() {
        var machine = approved(owner, "Spare PC");
        try (var agent = online(machine)) {
            assertThat(owner.delete(path(machine), null).status()).isEqualTo(204);
            assertThat(agent.awaitClose()).isEqualTo(4410);
            assertThat(agent.closeReason()).isEqualTo("\u201cSpare PC\u201d was removed by its owner.");
        }
        assertThat(owner.get(path(machine)).status()).isEqualTo(404);
        assertThat(server.client().get("/api/v1/machines/self", machine.bearer()).status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/machines").json().path("owned").findValuesAsText("id")).doesNotContain(machine.id());
    }
}
