package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.protocol.client.Participant;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.sframe.CipherSuite;

/**
 * Issue 11, finding 2, as a hostile server: between the customer's agent and the relay it hands the
 * agent a KEY of its own choosing, stamped as from the technician the customer allowed, and a
 * members message sealed with that secret naming only people the customer already allowed. Before,
 * the agent took both and went on streaming the screen under a key the server knew. Now the KEY does
 * not open as the technician's (HPKE auth mode) and the agent sends nothing in the forged epoch:
 * every frame it streams after the forgery is in the technician's epoch, and the technician keeps
 * seeing the screen.
 */
class SupportForgedKeyTest {

    @Test
    void aKeyAndMembersForgedByTheServerInTheTechniciansNameCarryNoFrame() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path record = Files.createTempFile("parley-record", ".txt");
        Path log = Files.createTempFile("parley-agent", ".log");
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var hostile = new ForgingRelay(server.port())) {
            try (var session = ViewedSupportSession.start(xvfb, server, hostile.port(), record, log)) {
                UUID sessionId = session.sessionId;
                var technician = session.technician;
                var agent = session.agent;

                long real = technician.epoch();
                Participant carla = technician.participants().stream().filter(p -> p.role().equals("customer")).findFirst()
                        .orElseThrow();
                int tinaId = technician.id();
                EpochSecret forged = EpochSecret.random(real + 1, new SecureRandom());
                ParticipantKeyPair serversOwn = ParticipantKeyPair.generate(new SecureRandom());
                int before = hostile.sent().size();
                hostile.forge(Envelope.of(MessageType.KEY, tinaId, carla.id(),
                        KeyDelivery.seal(sessionId, forged, carla.id(), carla.publicKey(), serversOwn)));
                String members = "{\"epoch\":" + forged.epoch() + ",\"keyholder\":" + tinaId + ",\"members\":[" + tinaId
                        + "," + carla.id() + "]}";
                hostile.forge(Envelope.of(MessageType.DATA, tinaId, Envelope.EVERYONE, forged.senderKey(tinaId,
                        CipherSuite.AES_128_GCM_SHA256_128).seal(0, new byte[0], withKind(1, members))));

                // the agent goes on: asked for a whole frame, it sends one, in the technician's epoch
                long keyframes = technician.keyframes();
                technician.requestKeyframe();
                technician.awaitFrame("a keyframe after the forgery", frame -> technician.keyframes() > keyframes);
                List<ForgingRelay.Sent> after = hostile.sent().subList(before, hostile.sent().size());
                assertThat(after).filteredOn(s -> s.type() == MessageType.DATA || s.type() == MessageType.MEDIA).isNotEmpty()
                        .as("every frame the agent sent after the forgery is sealed in the technician's epoch")
                        .allMatch(s -> s.epoch() == real);
                assertThat(technician.epoch()).isEqualTo(real);
                assertThat(agent.lines().stream().filter(l -> l.startsWith("sharing this screen with")).count())
                        .as("the agent did not start sharing again for the forged members").isEqualTo(1);
            }
        } finally {
            Files.deleteIfExists(record);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }

    private static byte[] withKind(int kind, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = new byte[body.length + 1];
        plaintext[0] = (byte) kind;
        System.arraycopy(body, 0, plaintext, 1, body.length);
        return plaintext;
    }
}
