package org.parley.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.envelope.MessageType;
import org.parley.web.Json;

/**
 * The relay's own messages, JSON in the payload of JOIN, ROSTER and ERROR envelopes. They carry
 * who is present (id, name, role, public key, admission proof, what the server vouches for) — never
 * anything said in the session.
 */
final class Control {
    static final int KEY_BYTES = 32;
    /** README §8: a roster entry's {@code "vouched"} for a signed-in invitee a keyholder admits without a click. */
    static final String VOUCHED_INVITEE = "signed-in-invitee";
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final EnvelopeCodec codec;

    Control(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /** What a JOIN says: the joiner's fresh X25519 public key and, optionally, its invitation proof. */
    record Join(byte[] publicKey, Optional<byte[]> proof) {
    }

    /** Parses a JOIN payload; empty when it is not a well-formed JOIN. */
    static Optional<Join> join(ByteBuffer payload) {
        if (payload.remaining() > 1024) {
            return Optional.empty();
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            byte[] publicKey = key(node.get("publicKey")).orElse(null);
            if (publicKey == null) {
                return Optional.empty();
            }
            JsonNode proof = node.get("proof");
            if (proof != null && !proof.isNull() && key(proof).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Join(publicKey, proof == null || proof.isNull() ? Optional.empty() : key(proof)));
        } catch (java.io.IOException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> key(JsonNode node) {
        if (node == null || !node.isTextual() || node.textValue().length() != 43) {
            return Optional.empty();
        }
        try {
            byte[] raw = DECODER.decode(node.textValue());
            return raw.length == KEY_BYTES ? Optional.of(raw) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The full roster, to a participant that just joined: who it is and who is there. */
    ByteBuffer snapshot(Connection you, Collection<Connection> present) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "snapshot");
        body.put("you", you.id());
        body.put("meetingId", you.entrant().room()); // the protocol's session id, whatever kind of room
        body.put("participants", present.stream().filter(Connection::joined).map(Control::participant).toList());
        return envelope(MessageType.ROSTER, you.id(), body);
    }

    ByteBuffer joined(Connection who) {
        return envelope(MessageType.ROSTER, Envelope.EVERYONE, Map.of("type", "joined", "participant", participant(who)));
    }

    /** Someone left; {@code lost}: its connection ended without a goodbye (README §8), e.g. its network dropped. */
    ByteBuffer left(int id, boolean lost) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "left");
        body.put("id", id);
        if (lost) {
            body.put("lost", true);
        }
        return envelope(MessageType.ROSTER, Envelope.EVERYONE, body);
    }

    ByteBuffer error(int to, String code, String message) {
        return envelope(MessageType.ERROR, to, Map.of("error", code, "message", message));
    }

    /**
     * README §12: we began dropping {@code from}'s MEDIA of {@code stream} to {@code to}; it should ask
     * {@code from} for a refresh of that stream.
     */
    ByteBuffer mediaDropped(int to, int from, int stream) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", org.parley.protocol.envelope.RelayStatus.MEDIA_DROPPED.error());
        body.put("message", stream == MediaMark.STREAM_SCREEN ? "Your connection fell behind: some screen updates were skipped."
                : "Your connection fell behind: some camera video was skipped.");
        body.put("from", from);
        body.put("stream", stream);
        return envelope(MessageType.ERROR, to, body);
    }

    private static Map<String, Object> participant(Connection c) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("id", c.id());
        entry.put("name", c.entrant().name());
        entry.put("role", c.entrant().role());
        entry.put("publicKey", ENCODER.encodeToString(c.publicKey()));
        // in the snapshot too: a keyholder may arrive after the invitees it can admit by proof
        c.proof().ifPresent(p -> entry.put("proof", ENCODER.encodeToString(p)));
        // README §8: the organizer chose to let signed-in invitees in on our word; the joiner's own
        // entry says it too, so its page can tell it why it is (or is not) waiting
        if (c.entrant().vouchedInvitee()) {
            entry.put("vouched", VOUCHED_INVITEE);
        }
        return entry;
    }

    private ByteBuffer envelope(MessageType type, int recipient, Object body) {
        try {
            byte[] json = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return codec.encode(Envelope.of(type, 0, recipient, json)).asReadOnlyBuffer();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a control message", e);
        }
    }
}
