package org.parley.protocol.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.parley.protocol.json.StrictJson;
import org.parley.protocol.keys.EpochSecret;

/**
 * The plaintext of a DATA frame (protocol README §8): one kind byte, then the kind's body. Knows
 * the two kinds the session itself uses, {@code members} and {@code chat}; kinds 0x10–0x3f belong
 * to the application (screen sharing §9, voice and webcams §9a, support tools §9b) and pass through undecoded.
 */
final class Content {
    static final int MEMBERS = 0x01;
    static final int CHAT = 0x02;
    static final int FIRST_APPLICATION_KIND = 0x10;
    static final int LAST_APPLICATION_KIND = 0x3f;
    static final int LAST_SCREEN_KIND = 0x1f;
    static final int AUDIO_FRAME = 0x20;
    static final int CAMERA_CHUNK = 0x21;
    static final int MAX_CHAT_CHARACTERS = 4000;

    /** A decoded {@code members} body. */
    record Members(long epoch, int keyholder, List<Integer> members) {
    }

    /** A decoded {@code chat} body. */
    record Chat(String text, Instant sentAt) {
    }

    private Content() {
    }

    /** Whether {@code kind} is the application's (0x10–0x3f, README §8): reported as content. */
    static boolean application(int kind) {
        return kind >= FIRST_APPLICATION_KIND && kind <= LAST_APPLICATION_KIND;
    }

    /**
     * Whether {@code kind} may travel in a MEDIA (README §8): screen sharing (0x10–0x1f), audio frames
     * and camera chunks. What a later refresh point does not replace (members, chat, media state,
     * requests) never travels where the relay may drop it.
     */
    static boolean media(int kind) {
        return kind >= FIRST_APPLICATION_KIND && kind <= LAST_SCREEN_KIND || kind == AUDIO_FRAME || kind == CAMERA_CHUNK;
    }

    static byte[] members(long epoch, int keyholder, List<Integer> members) {
        String json = "{\"epoch\":" + epoch + ",\"keyholder\":" + keyholder + ",\"members\":["
                + members.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]}";
        return withKind(MEMBERS, json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] chat(String text, Instant sentAt) {
        if (text.length() > MAX_CHAT_CHARACTERS) {
            throw new IllegalArgumentException("a chat message is at most " + MAX_CHAT_CHARACTERS
                    + " characters, got " + text.length());
        }
        return withKind(CHAT, StrictJson.write(StrictJson.newObject().put("text", text).put("sentAt", sentAt.toString())));
    }

    static byte[] withKind(int kind, byte[] body) {
        byte[] plaintext = new byte[body.length + 1];
        plaintext[0] = (byte) kind;
        System.arraycopy(body, 0, plaintext, 1, body.length);
        return plaintext;
    }

    static int kind(byte[] plaintext) {
        return plaintext.length == 0 ? -1 : plaintext[0] & 0xff;
    }

    static byte[] body(byte[] plaintext) {
        return Arrays.copyOfRange(plaintext, 1, plaintext.length);
    }

    /**
     * @throws IllegalArgumentException if the body is not a well-formed members message: an epoch
     *     below 2^47, at least one member, no id twice, the keyholder among them (the browser reads it alike)
     */
    static Members readMembers(byte[] plaintext) {
        Map<String, Object> json = StrictJson.object(text(plaintext));
        List<Integer> ids = new ArrayList<>();
        if (!(json.get("members") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("members message without a members list");
        }
        for (Object id : list) {
            ids.add(participantId(id));
        }
        long epoch = number(json.get("epoch"));
        int keyholder = participantId(json.get("keyholder"));
        if (epoch < 0 || epoch > EpochSecret.MAX_EPOCH) {
            throw new IllegalArgumentException("epoch out of range: " + epoch);
        }
        if (ids.stream().distinct().count() != ids.size() || !ids.contains(keyholder)) {
            throw new IllegalArgumentException("members list with an id twice, or without its keyholder");
        }
        return new Members(epoch, keyholder, ids);
    }

    /**
     * @throws IllegalArgumentException if the body is not a well-formed chat message: a text of at
     *     most 4,000 characters and a sentAt string (one that is no ISO-8601 instant reads as no time)
     */
    static Chat readChat(byte[] plaintext) {
        Map<String, Object> json = StrictJson.object(text(plaintext));
        if (!(json.get("text") instanceof String text) || text.length() > MAX_CHAT_CHARACTERS) {
            throw new IllegalArgumentException("chat message without a text of at most " + MAX_CHAT_CHARACTERS
                    + " characters");
        }
        if (!(json.get("sentAt") instanceof String at) || at.length() > 40) {
            throw new IllegalArgumentException("chat message without a sentAt of at most 40 characters");
        }
        Instant sentAt;
        try {
            sentAt = Instant.parse(at);
        } catch (java.time.format.DateTimeParseException notATime) {
            sentAt = Instant.EPOCH;
        }
        return new Chat(text, sentAt);
    }

    static int participantId(Object value) {
        long id = number(value);
        if (id < 1 || id > 0xffff) {
            throw new IllegalArgumentException("participant id out of range: " + id);
        }
        return (int) id;
    }

    static long number(Object value) {
        if (value instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("expected an integer, got " + value);
    }

    private static String text(byte[] plaintext) {
        return new String(plaintext, 1, plaintext.length - 1, StandardCharsets.UTF_8);
    }
}
