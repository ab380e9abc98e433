package org.parley.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.envelope.RelayStatus;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.relay.RelayClient;

/**
 * A participant that follows no protocol but the relay's: what a server that injects someone, or
 * a relay working with one, can do. It sends any envelope it likes and records what arrives.
 */
final class RawParticipant implements AutoCloseable {
    final ParticipantKeyPair keyPair = ParticipantKeyPair.generate(new java.security.SecureRandom());
    final BlockingQueue<Envelope> received;
    private final RelayClient relay;
    int id;

    RawParticipant(String wsUrl, String cookie) {
        this.relay = RelayClient.connect(wsUrl, Map.of("Cookie", cookie));
        this.received = relay.received;
    }

    /** Joins without a proof and returns the snapshot. */
    JsonNode join() {
        JsonNode snapshot = relay.join(keyPair.publicKey());
        id = snapshot.path("you").asInt();
        return snapshot;
    }

    void send(MessageType type, int recipient, byte[] payload) {
        relay.send(type, recipient, payload);
    }

    /** The messages of the relay's {@code not_admitted} refusals so far (what arrived stays in {@link #received}). */
    java.util.List<String> notAdmitted() {
        return received.stream().filter(e -> e.type() == MessageType.ERROR)
                .map(RelayClient::json).filter(json -> json.path("error").asText().equals(RelayStatus.NOT_ADMITTED.error()))
                .map(json -> json.path("message").asText()).toList();
    }

    @Override
    public void close() {
        relay.close();
    }
}
