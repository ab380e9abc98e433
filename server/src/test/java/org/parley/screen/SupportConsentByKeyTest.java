package org.parley.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;
import org.parley.agent.desktop.Xvfb;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.KeyFingerprint;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * The customer's consent names a key, tested against a hostile server: between the customer's agent
 * and the relay, it says the technician the customer allowed left and came back with the same id,
 * name and role — and another public key, its own. The agent refuses the id back outright; and
 * when the server brings "Tina Tech" in under a new id with that key, the agent, now holding the
 * session key, does not let the key in nor show it the screen: it asks the customer about the new
 * key, with its fingerprint.
 */
class SupportConsentByKeyTest {
    private static final String VIEW_PROMPT = "consent prompt shown: question=view";

    @Test
    void theAllowedTechniciansIdNameAndRoleWithAnotherKeyGetNoKeyAndNoScreenWithoutANewAnswer() throws Exception {
        Assumptions.assumeTrue(Xvfb.unavailable().isEmpty(), Xvfb.unavailable().orElse(""));
        Path record = Files.createTempFile("parley-record", ".txt");
        Path log = Files.createTempFile("parley-agent", ".log");
        try (var xvfb = Xvfb.start(); var server = TestServer.start(); var hostile = new ForgingRelay(server.port())) {
            try (var session = ViewedSupportSession.start(xvfb, server, hostile.port(), record, log)) {
                var technician = session.technician;
                var agent = session.agent;
                agent.awaitLine("the answer, about Tina's key", line -> line.equals("the customer allowed Tina Tech (key "
                        + technician.fingerprint() + ") to see the screen"));

                byte[] impostor = ParticipantKeyPair.generate(new SecureRandom()).publicKey();
                int tinaId = technician.id();
                int before = hostile.sent().size();
                hostile.forge(roster("{\"type\":\"left\",\"id\":" + tinaId + "}"));
                // the same id back with the server's key: refused outright (the relay never gives an id twice)
                hostile.forge(roster(joined(tinaId, impostor)));
                agent.awaitLine("the refusal", line -> line.startsWith("refused the server's roster change: participant "
                        + tinaId + " arrived again"));
                // under a new id, the server's key is a stranger to the customer: asked about, with its fingerprint
                int posing = tinaId + 50;
                hostile.forge(roster(joined(posing, impostor)));
                agent.awaitLine("the question about the new key", line -> line.equals("asking the customer whether Tina Tech "
                        + "(participant " + posing + ", key " + KeyFingerprint.of(impostor) + ") may see the screen"));
                SupportSessionEndToEndTest.awaitLog(log, VIEW_PROMPT, 2);
                List<ForgingRelay.Sent> after = hostile.sent().subList(before, hostile.sent().size());
                assertThat(after).as("what the agent sent to the forged participants while the question is open")
                        .noneMatch(s -> (s.recipient() == tinaId || s.recipient() == posing)
                                && (s.type() == MessageType.ADMIT || s.type() == MessageType.KEY));
                assertThat(agent.lines().stream().filter(l -> l.startsWith("sharing this screen with")).count())
                        .as("sharing did not start again").isEqualTo(1);
            }
        } finally {
            Files.deleteIfExists(record);
            ViewedSupportSession.deleteAgentLog(log);
        }
    }

    private static String joined(int id, byte[] key) {
        return "{\"type\":\"joined\",\"participant\":{\"id\":" + id + ",\"name\":\"Tina Tech\",\"role\":\"organizer\","
                + "\"publicKey\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\"}}";
    }

    private static Envelope roster(String json) {
        return Envelope.of(MessageType.ROSTER, 0, Envelope.EVERYONE, json.getBytes(StandardCharsets.UTF_8));
    }
}
