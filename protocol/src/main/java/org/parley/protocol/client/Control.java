package org.parley.protocol.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.parley.protocol.envelope.RelayStatus;
import org.parley.protocol.json.StrictJson;

/**
 * The relay's control messages as a participant reads and writes them (protocol README §8): the
 * JOIN we send, and the ROSTER and ERROR JSON we receive.
 */
final class Control {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** README §8: the one {@code "vouched"} value a keyholder admits on: a signed-in invitee, in a meeting that allows it. */
    static final String VOUCHED_INVITEE = "signed-in-invitee";

    /**
     * A roster entry: the participant, its admission proof when it joined with one, and whether
     * the server vouches for it as a signed-in invitee of a meeting whose organizer lets those in
     * without a click (any other {@code "vouched"} value is not understood and counts for nothing).
     */
    record Entry(Participant participant, Optional<byte[]> proof, boolean vouchedInvitee) {
    }

    /** What a ROSTER message says. */
    sealed interface Roster {
    }

    /** To the joiner: its id and everyone present. */
    record Snapshot(int you, UUID meetingId, List<Entry> participants) implements Roster {
    }

    /** Someone arrived. */
    record Arrived(Entry entry) implements Roster {
    }

    /** Someone left. */
    record Left(int id) implements Roster {
    }

    private Control() {
    }

    static byte[] join(byte[] publicKey, Optional<byte[]> proof) {
        String json = "{\"publicKey\":\"" + ENCODER.encodeToString(publicKey) + "\""
                + proof.map(p -> ",\"proof\":\"" + ENCODER.encodeToString(p) + "\"").orElse("") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException if the payload is not a ROSTER message we understand */
    static Roster roster(byte[] payload) {
        Map<String, Object> json = StrictJson.object(new String(payload, StandardCharsets.UTF_8));
        Object type = json.get("type");
        if ("snapshot".equals(type)) {
            List<Entry> entries = new ArrayList<>();
            if (!(json.get("participants") instanceof List<?> list)) {
                throw new IllegalArgumentException("snapshot without participants");
            }
            for (Object p : list) {
                entries.add(entry(p));
            }
            return new Snapshot(Content.participantId(json.get("you")),
                    UUID.fromString(String.valueOf(json.get("meetingId"))), entries);
        }
        if ("joined".equals(type)) {
            return new Arrived(entry(json.get("participant")));
        }
        if ("left".equals(type)) {
            return new Left(Content.participantId(json.get("id")));
        }
        throw new IllegalArgumentException("unknown roster message type " + type);
    }

    /** The {@code error} and {@code message} of an ERROR payload, best effort. */
    static SessionEvent error(byte[] payload) {
        try {
            Map<String, Object> json = StrictJson.object(new String(payload, StandardCharsets.UTF_8));
            if (RelayStatus.MEDIA_DROPPED.error().equals(json.get("error"))) {
                return new SessionEvent.MediaDropped(Content.participantId(json.get("from")), stream(json.get("stream")));
            }
            return new SessionEvent.Refused(String.valueOf(json.get("error")), String.valueOf(json.get("message")));
        } catch (IllegalArgumentException malformed) {
            return new SessionEvent.Refused("malformed", "the relay sent an ERROR we cannot read");
        }
    }

    /** README §12: a media_dropped notice's optional stream, 0–3; absent means the screen (0). */
    private static int stream(Object value) {
        if (value == null) {
            return 0;
        }
        long stream = Content.number(value);
        if (stream < 0 || stream > 3) {
            throw new IllegalArgumentException("stream out of range: " + stream);
        }
        return (int) stream;
    }

    private static Entry entry(Object value) {
        if (!(value instanceof Map<?, ?> p)) {
            throw new IllegalArgumentException("participant is not an object");
        }
        var participant = new Participant(Content.participantId(p.get("id")), text(p.get("name")), text(p.get("role")),
                key(p.get("publicKey")));
        Object proof = p.get("proof");
        return new Entry(participant, proof == null ? Optional.empty() : Optional.of(key(proof)),
                VOUCHED_INVITEE.equals(p.get("vouched")));
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected a string, got " + value);
    }

    private static byte[] key(Object value) {
        byte[] raw = DECODER.decode(text(value));
        if (raw.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + raw.length);
        }
        return raw;
    }
}
