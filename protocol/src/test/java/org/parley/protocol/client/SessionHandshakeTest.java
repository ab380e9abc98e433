package org.parley.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * HANDSHAKE envelopes (README §10) through a participant's real session logic, without a network:
 * they pass in the clear before any key, in order with the other events, and only from another
 * participant who is present, to us.
 */
class SessionHandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UUID MACHINE = UUID.fromString("3b8f1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final byte[] HELLO = "{\"t\":\"srp-start\",\"A\":\"AQ\"}".getBytes(StandardCharsets.UTF_8);

    private final List<Envelope> sent = new ArrayList<>();
    private final List<SessionEvent> events = new ArrayList<>();
    private final Session session = new Session(new SessionState(ParticipantKeyPair.generate(RANDOM), null, MACHINE, RANDOM,
            sent::add, new Dispatcher(events::add)), task -> { });

    @Test
    void aHandshakeFromAnotherParticipantArrivesBeforeAnyKeyInOrder() {
        snapshot();
        session.receive(Envelope.of(MessageType.ROSTER, 0, 2, joined(3)));
        session.receive(Envelope.of(MessageType.HANDSHAKE, 1, 2, HELLO));
        session.receive(Envelope.of(MessageType.HANDSHAKE, 3, 2, "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isInstanceOf(SessionEvent.Joined.class);
        assertThat(events.get(1)).isInstanceOf(SessionEvent.RosterChanged.class);
        assertThat(events.get(2)).isInstanceOfSatisfying(SessionEvent.HandshakeReceived.class, h -> {
            assertThat(h.sender()).isEqualTo(1);
            assertThat(h.payload()).isEqualTo(HELLO);
        });
        assertThat(events.get(3)).isInstanceOfSatisfying(SessionEvent.HandshakeReceived.class,
                h -> assertThat(h.sender()).isEqualTo(3));
        assertThat(session.keys().orElseThrow().current()).as("no key was needed").isEmpty();
    }

    @Test
    void handshakesFromTheServerStrangersOrForSomeoneElseAreDropped() {
        session.receive(Envelope.of(MessageType.HANDSHAKE, 1, 2, HELLO)); // before our snapshot
        snapshot();
        session.receive(Envelope.of(MessageType.HANDSHAKE, 0, 2, HELLO));
        session.receive(Envelope.of(MessageType.HANDSHAKE, 9, 2, HELLO));
        session.receive(Envelope.of(MessageType.HANDSHAKE, 1, 5, HELLO));

        assertThat(events).filteredOn(SessionEvent.HandshakeReceived.class::isInstance).isEmpty();
        assertThat(events).filteredOn(SessionEvent.Dropped.class::isInstance).hasSize(4);
        assertThat(session.dropped()).isEqualTo(4);
    }

    @Test
    void sendingAHandshakeIsAPlainEnvelopeToOneParticipant() {
        assertThatThrownBy(() -> session.sendHandshake(1, HELLO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not joined yet");
        snapshot();

        session.sendHandshake(1, HELLO);

        assertThat(sent).singleElement().satisfies(envelope -> {
            assertThat(envelope.type()).isEqualTo(MessageType.HANDSHAKE);
            assertThat(envelope.sender()).isEqualTo(2);
            assertThat(envelope.recipient()).isEqualTo(1);
            assertThat(envelope.payloadBytes()).isEqualTo(HELLO);
        });
        assertThatThrownBy(() -> session.sendHandshake(2, HELLO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** We are participant 2 (a caller); participant 1 (the agent, organizer) is present. */
    private void snapshot() {
        String json = "{\"type\":\"snapshot\",\"you\":2,\"meetingId\":\"" + MACHINE + "\",\"participants\":["
                + participant(1, "Office PC", "organizer") + "," + participant(2, "Olga", "owner") + "]}";
        session.receive(Envelope.of(MessageType.ROSTER, 0, 2, json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] joined(int id) {
        return ("{\"type\":\"joined\",\"participant\":" + participant(id, "Ivan", "technician") + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String participant(int id, String name, String role) {
        byte[] key = ParticipantKeyPair.generate(RANDOM).publicKey();
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"publicKey\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\"}";
    }
}
