package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.agent.Main;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.unattended.MachineFile;
import org.parley.protocol.access.AccessCaller;
import org.parley.protocol.access.CallerStep;
import org.parley.protocol.access.ConfirmedEpochs;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.session.DatabaseDump;
import org.parley.session.RecordingProxy;
import org.parley.session.Traffic;

/**
 * Unattended access end to end, with the real agent on Xvfb: enrol (a weak password refused), the
 * owner approves, a wrong password is refused, the right one gets the screen; pause refuses with
 * "paused until …", revoke refuses and stops the agent; the owner's list shows every attempt. All
 * traffic goes through a recording proxy, and neither it nor the database holds anything to test
 * password guesses against — while the agent's own file does (the search's positive control).
 */
class UnattendedAccessTest {
    static final String ACCOUNT_PASSWORD = "correct horse battery staple 91";
    static final String ACCESS_PASSWORD = "lantern quietly orbit marmalade 7 tundra";

    @Test
    void enrolApproveConnectPauseRevokeAndNothingOfflineCheckable() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path home = Files.createTempDirectory("parley-agent-home");
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var proxy = new RecordingProxy(server.port())) {
            String viaProxy = "http://127.0.0.1:" + proxy.port();
            var owner = server.client();
            owner.registerAndSignIn(server, "Olivia", "Owner", "olivia@example.com", ACCOUNT_PASSWORD);
            var env = EnrolledComputer.environment(home);

            try (var weak = Child.start(xvfb, EnrolledComputer.with(env, "PARLEY_ACCESS_PASSWORD", "password1234"), Main.class,
                    "enroll", "--server", viaProxy, "--name", "Office PC")) {
                assertThat(weak.stop()).isNotZero();
            }
            var computer = EnrolledComputer.approved(xvfb, home, viaProxy, "Office PC", ACCESS_PASSWORD, owner);
            String machineId = computer.machineId();
            MachineFile local = MachineFile.load(computer.machineFile());

            try (var agent = Child.start(xvfb, env, Main.class, "run")) {
                agent.awaitLine("the agent online", line -> line.startsWith("online as \"Office PC\""));

                var wrong = call(owner, viaProxy, machineId, "lantern quietly orbit marmalade 7 tundrA");
                assertThat(wrong.refusal).contains("The access password is wrong.");
                var right = call(owner, viaProxy, machineId, ACCESS_PASSWORD);
                assertThat(right.refusal).isNull();
                assertThat(right.screenFrames).as("tiles of the agent's screen reached the caller").isPositive();

                Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                assertThat(owner.patch("/api/v1/machines/" + machineId, Map.of("access", "paused", "pausedUntil", until.toString()))
                        .status()).isEqualTo(200);
                var paused = owner.post("/api/v1/machines/" + machineId + "/connect", Map.of());
                assertThat(paused.status()).isEqualTo(403);
                assertThat(paused.json().path("message").asText()).contains("paused until");

                assertThat(owner.patch("/api/v1/machines/" + machineId, Map.of("access", "revoked")).status()).isEqualTo(200);
                var revoked = owner.post("/api/v1/machines/" + machineId + "/connect", Map.of());
                assertThat(revoked.status()).isEqualTo(403);
                assertThat(revoked.json().path("message").asText()).contains("revoked");
                agent.awaitLine("the agent stopping for good", line -> line.contains("revoked by its owner"));
            }

            var outcomes = owner.get("/api/v1/machines/" + machineId + "/connections").json().path("connections")
                    .findValuesAsText("outcome");
            assertThat(outcomes).contains("wrong_password", "refused_paused", "refused_revoked");
            assertThat(outcomes.stream().filter(o -> o.equals("ended") || o.equals("connected")).count()).isPositive();

            // nothing on the server's side lets anyone test password guesses offline
            String traffic = Traffic.of(proxy.connections());
            String database = DatabaseDump.of(server.dataDir());
            String agentFile = Files.readString(computer.machineFile(), StandardCharsets.UTF_8);
            List<String> secrets = encodings(local.verifier().verifier());
            secrets.add(ACCESS_PASSWORD);
            assertThat(secrets.stream().anyMatch(agentFile::contains)).as("control: the search finds the verifier where it is").isTrue();
            for (String secret : secrets) {
                assertThat(traffic).as("the recorded traffic").doesNotContain(secret);
                assertThat(database).as("the database").doesNotContain(secret);
            }
            assertThat(traffic).as("control: the traffic holds the handshake").contains("srp-start", "srp-challenge", "srp-evidence");
        } finally {
            TestServer.deleteRecursively(home);
        }
    }

    private static List<String> encodings(byte[] value) {
        var list = new java.util.ArrayList<String>();
        list.add(HexFormat.of().formatHex(value));
        list.add(Base64.getEncoder().encodeToString(value));
        list.add(Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        list.add(new java.math.BigInteger(1, value).toString());
        return list;
    }

    /** What one call got: the agent's refusal, or how many screen frames arrived once admitted. */
    record Call(String refusal, int screenFrames) {
    }

    /**
     * The owner calls the machine as the browser would: a ticket, the relay, the access handshake, and
     * screen frames counted only in epochs the agent confirmed with K (protocol §10).
     */
    static Call call(ApiClient owner, String viaProxy, String machineId, String password) throws Exception {
        var connect = owner.post("/api/v1/machines/" + machineId + "/connect", Map.of());
        assertThat(connect.status()).as(connect.body()).isEqualTo(201);
        BlockingQueue<SessionEvent> events = new LinkedBlockingQueue<>();
        var epochs = new ConfirmedEpochs(Clock.systemUTC());
        URI relay = URI.create(viaProxy.replace("http://", "ws://") + connect.json().path("relayPath").asText());
        try (var client = SessionClient.connector(relay).meetingId(UUID.fromString(machineId)).listener(events::add)
                .observer(epochs::arrived).timeout(Duration.ofSeconds(10)).connect()) {
            Participant agent = client.participants().stream().filter(Participant::organizer).findFirst().orElseThrow();
            byte[] mine = client.participants().stream().filter(p -> p.id() == client.id()).findFirst().orElseThrow().publicKey();
            var caller = new AccessCaller(UUID.fromString(machineId), password, new SecureRandom());
            client.sendHandshake(agent.id(), caller.start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int frames = 0;
            boolean admitted = false;
            boolean evidenceSent = false;
            while (System.nanoTime() < deadline && !epochs.overdue()) {
                SessionEvent event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event instanceof SessionEvent.HandshakeReceived message && message.sender() == agent.id() && admitted) {
                    if (!epochs.confirm(message.payload())) {
                        break;
                    }
                } else if (event instanceof SessionEvent.HandshakeReceived message && message.sender() == agent.id()) {
                    CallerStep step = evidenceSent ? caller.onResult(message.payload())
                            : caller.onChallenge(message.payload(), mine, agent.publicKey());
                    switch (step) {
                        case CallerStep.Send send -> {
                            evidenceSent = true;
                            client.sendHandshake(agent.id(), send.message());
                        }
                        case CallerStep.Refused refused -> {
                            return new Call(refused.message(), 0);
                        }
                        case CallerStep.Accepted accepted -> {
                            admitted = true;
                            epochs.accepted(accepted);
                        }
                    }
                } else if (event instanceof SessionEvent.EpochChanged changed) {
                    epochs.epochChanged(changed.membership().epoch(), changed.membership().code());
                } else if (event instanceof SessionEvent.ContentReceived content && content.kind() == 0x10 && epochs.trusted()) {
                    if (++frames >= 2) {
                        return new Call(null, frames);
                    }
                }
            }
            if (epochs.overdue()) {
                return new Call(ConfirmedEpochs.UNPROVEN + " (" + epochs + ")", frames);
            }
            throw new AssertionError("no answer from the agent (admitted: " + admitted + ", " + epochs + ", frames: " + frames + ")");
        }
    }
}
