package org.parley.protocol.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import org.parley.protocol.json.MalformedJsonException;
import org.parley.protocol.json.StrictJson;
import org.parley.protocol.keys.EpochSecret;

/**
 * The handshake messages of README §10 and their JSON: the five of the handshake and the agent's
 * epoch confirmation after it. Reading is strict about what v1 defines
 * (the {@code t}, each field's type, base64url without padding and the exact length) and ignores
 * fields it does not know, so a later version can add some. Everything the peer got wrong becomes an
 * {@link AccessHandshakeException}.
 */
sealed interface AccessMessage {

    /** The largest message: the HANDSHAKE envelope's payload limit. */
    int MAX_LENGTH = 4096;
    /** The longest refusal text a caller shows; an agent's own texts are far shorter. */
    int MAX_REFUSAL_TEXT = 500;

    /** Step 1, caller to agent: {@code {"t":"srp-start","A":b64}}. */
    record Start(byte[] publicValue) implements AccessMessage {
    }

    /** Step 2, agent to caller: {@code {"t":"srp-challenge","salt":b64,"B":b64}}. */
    record Challenge(byte[] salt, byte[] publicValue) implements AccessMessage {
    }

    /** Step 3, caller to agent: {@code {"t":"srp-evidence","M1":b64,"bind":b64}}. */
    record Evidence(byte[] proof, byte[] bind) implements AccessMessage {
    }

    /** Step 4, agent to caller: {@code {"t":"srp-ok","M2":b64}}. */
    record Ok(byte[] proof) implements AccessMessage {
    }

    /** Step 2 or 4, agent to caller: {@code {"t":"refused","reason":…,"message":"…"}}. */
    record Refused(RefusalReason reason, String message) implements AccessMessage {
    }

    /** After the handshake, agent to caller: {@code {"t":"epoch-confirm","epoch":e,"mac":b64}}. */
    record EpochConfirm(long epoch, byte[] mac) implements AccessMessage {
    }

    /** The message's {@code t}. */
    default String type() {
        return switch (this) {
            case Start s -> "srp-start";
            case Challenge c -> "srp-challenge";
            case Evidence e -> "srp-evidence";
            case Ok o -> "srp-ok";
            case Refused r -> "refused";
            case EpochConfirm c -> "epoch-confirm";
        };
    }

    /** The message's UTF-8 JSON, fields in the order README §10 writes them. */
    default byte[] encode() {
        ObjectNode json = StrictJson.newObject();
        switch (this) {
            case Start s -> json.put("t", type()).put("A", Codec.b64(s.publicValue()));
            case Challenge c -> json.put("t", type()).put("salt", Codec.b64(c.salt())).put("B", Codec.b64(c.publicValue()));
            case Evidence e -> json.put("t", type()).put("M1", Codec.b64(e.proof())).put("bind", Codec.b64(e.bind()));
            case Ok o -> json.put("t", type()).put("M2", Codec.b64(o.proof()));
            case Refused r -> json.put("t", type()).put("reason", r.reason().wire()).put("message", r.message());
            case EpochConfirm c -> json.put("t", type()).put("epoch", c.epoch()).put("mac", Codec.b64(c.mac()));
        }
        return StrictJson.write(json);
    }

    /** Reads one message from the peer. */
    static AccessMessage parse(byte[] payload) throws AccessHandshakeException {
        if (payload.length > MAX_LENGTH) {
            throw new AccessHandshakeException("a handshake message is at most " + MAX_LENGTH + " bytes, got " + payload.length);
        }
        JsonNode json;
        try {
            json = StrictJson.tree(payload);
        } catch (MalformedJsonException malformed) {
            throw new AccessHandshakeException("a handshake message is " + malformed.getMessage());
        }
        if (!json.isObject()) {
            throw new AccessHandshakeException("a handshake message must be a JSON object");
        }
        String type = Codec.text(json, "t");
        return switch (type) {
            case "srp-start" -> new Start(Codec.binary(json, "A", Srp.LENGTH));
            case "srp-challenge" -> new Challenge(Codec.binary(json, "salt", Srp.SALT_LENGTH), Codec.binary(json, "B", Srp.LENGTH));
            case "srp-evidence" -> new Evidence(Codec.binary(json, "M1", Srp.HASH_LENGTH), Codec.binary(json, "bind", Srp.HASH_LENGTH));
            case "srp-ok" -> new Ok(Codec.binary(json, "M2", Srp.HASH_LENGTH));
            case "refused" -> refused(json);
            case "epoch-confirm" -> new EpochConfirm(Codec.epoch(json, "epoch"), Codec.binary(json, "mac", Srp.HASH_LENGTH));
            default -> throw new AccessHandshakeException("unknown handshake message type \"" + Codec.shorten(type) + "\"");
        };
    }

    private static Refused refused(JsonNode json) throws AccessHandshakeException {
        String wire = Codec.text(json, "reason");
        RefusalReason reason = RefusalReason.of(wire).orElseThrow(() -> new AccessHandshakeException(
                "unknown refusal reason \"" + Codec.shorten(wire) + "\""));
        String message = Codec.text(json, "message");
        if (message.length() > MAX_REFUSAL_TEXT) {
            throw new AccessHandshakeException("a refusal's message is at most " + MAX_REFUSAL_TEXT + " characters, got "
                    + message.length());
        }
        return new Refused(reason, message);
    }

    /** Strict field access and base64url. */
    final class Codec {
        private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
        private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

        private Codec() {
        }

        static String b64(byte[] bytes) {
            return ENCODER.encodeToString(bytes);
        }

        static String text(JsonNode json, String field) throws AccessHandshakeException {
            JsonNode value = json.get(field);
            if (value == null || !value.isTextual()) {
                throw new AccessHandshakeException("\"" + field + "\" must be a string");
            }
            return value.textValue();
        }

        /** An epoch number: a JSON integer (not 1.0, not "1"), 0 to 2^47 − 1 (README §2). */
        static long epoch(JsonNode json, String field) throws AccessHandshakeException {
            JsonNode value = json.get(field);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
                    || value.longValue() < 0 || value.longValue() > EpochSecret.MAX_EPOCH) {
                throw new AccessHandshakeException("\"" + field + "\" must be an integer 0–" + EpochSecret.MAX_EPOCH);
            }
            return value.longValue();
        }

        /**
         * A base64url field of exactly {@code length} bytes. Only the canonical unpadded spelling is
         * accepted (it re-encodes to the same text), so one value has one encoding.
         */
        static byte[] binary(JsonNode json, String field, int length) throws AccessHandshakeException {
            String text = text(json, field);
            byte[] bytes;
            try {
                bytes = DECODER.decode(text);
            } catch (IllegalArgumentException notBase64) {
                throw new AccessHandshakeException("\"" + field + "\" is not base64url");
            }
            if (!ENCODER.encodeToString(bytes).equals(text)) {
                throw new AccessHandshakeException("\"" + field + "\" is not unpadded canonical base64url");
            }
            if (bytes.length != length) {
                throw new AccessHandshakeException("\"" + field + "\" must be " + length + " bytes, got " + bytes.length);
            }
            return bytes;
        }

        /** A peer's text, cut short for a log line. */
        static String shorten(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
