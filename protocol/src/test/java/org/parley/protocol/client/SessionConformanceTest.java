package org.parley.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MalformedEnvelopeException;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.KeyDeliveryException;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameHeader;

/**
 * The Java client's half of the conformance suite ({@code conformance/session-cases.json}): every
 * scripted session runs through the real session logic, envelopes going through the real codec,
 * with simulated peers that seal with their own keys. The browser runs the same file
 * ({@code SessionConformanceBrowserTest}), so the two clients accept, refuse and send the same.
 */
class SessionConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final CipherSuite SUITE = CipherSuite.AES_128_GCM_SHA256_128;
    private static final JsonNode SUITE_FILE = load();

    @TestFactory
    Stream<DynamicTest> everyScriptedSessionRunsAsWritten() {
        UUID meeting = UUID.fromString(SUITE_FILE.get("meetingId").asText());
        return stream(SUITE_FILE.get("cases")).map(c -> DynamicTest.dynamicTest(c.get("name").asText(),
                () -> new Run(meeting, c).play()));
    }

    @Test
    void theSuiteCoversEveryDropReasonTheSessionCanReport() {
        String text = SUITE_FILE.toString();
        List<String> uncovered = Stream.of(DropReason.values()).map(DropReason::code)
                .filter(code -> !text.contains("\"drop " + code + "\""))
                .toList();
        // truncated or too-old frames and the keyholder's members are covered by the frame and
        // content tests of each client rather than by sessions
        assertThat(uncovered).containsExactlyInAnyOrder("truncated", "malformed-frame", "too-old",
                "sender-mismatch", "members-while-keyholder");
    }

    /** One case played against a fresh session. */
    private static final class Run {
        private final UUID meeting;
        private final JsonNode scenario;
        private final SecureRandom random = new SecureRandom();
        private final EnvelopeCodec codec = new EnvelopeCodec();
        private final ParticipantKeyPair ours = ParticipantKeyPair.generate(random);
        private final List<Envelope> sent = new ArrayList<>();
        private final List<SessionEvent> events = new ArrayList<>();
        private final Session session;
        private final int you;
        private final Map<Integer, String> roles = new HashMap<>();
        private final Map<Integer, String> vouched = new HashMap<>(); // the roster's "vouched" of a peer, README §8
        private final Map<Integer, ParticipantKeyPair> peerKeys = new HashMap<>();
        private final Map<String, Long> counters = new HashMap<>();
        private final Map<Long, byte[]> learned = new HashMap<>(); // epoch → secret the client delivered
        private final Map<Long, List<byte[]>> given = new HashMap<>(); // epoch → secrets the peers sent, to read what the client seals
        private final List<ByteBuffer> fed = new ArrayList<>(); // per step, the envelope it fed (null: none)
        private ByteBuffer lastFed;

        Run(UUID meeting, JsonNode scenario) {
            this.meeting = meeting;
            this.scenario = scenario;
            this.you = scenario.get("you").get("id").asInt();
            roles.put(you, scenario.get("you").get("role").asText());
            for (JsonNode peer : scenario.get("peers")) {
                roles.put(peer.get("id").asInt(), peer.get("role").asText());
                if (peer.has("vouched")) {
                    vouched.put(peer.get("id").asInt(), peer.get("vouched").asText());
                }
                peerKeys.put(peer.get("id").asInt(), ParticipantKeyPair.generate(random));
            }
            var state = new SessionState(ours, null, meeting, random, sent::add, new Dispatcher(events::add));
            state.admitsVouchedInvitees = true; // as the browser's keyholder does (README §8: the Java client opts in)
            session = new Session(state, task -> { }); // the organizer's 2-second wait never fires: the cases start alone
        }

        void play() {
            int index = 0;
            for (JsonNode step : scenario.get("steps")) {
                sent.clear();
                events.clear();
                lastFed = null;
                List<String> refused = act(step.get("do"));
                fed.add(lastFed);
                String where = "step " + index + " " + step.get("do");
                assertThat(sends()).as("%s: what the client sent", where).containsExactlyElementsOf(strings(step.get("sends")));
                List<String> reported = new ArrayList<>(events());
                reported.addAll(refused);
                assertThat(reported).as("%s: what the client reported", where)
                        .containsExactlyInAnyOrderElementsOf(strings(step.get("events")));
                if (step.has("code")) {
                    assertThat(session.verificationCode().map(code -> code.text()).orElse(null))
                            .as("%s: the verification code shown", where).isEqualTo(expectedCode(step.get("code")));
                }
                index++;
            }
        }

        private List<String> act(JsonNode action) {
            String verb = action.fieldNames().next();
            JsonNode arg = action.get(verb);
            switch (verb) {
                case "snapshot" -> {
                    List<Integer> present = new ArrayList<>(List.of(you));
                    arg.forEach(id -> present.add(id.asInt()));
                    feed(MessageType.ROSTER, 0, you, utf8("{\"type\":\"snapshot\",\"you\":" + you + ",\"meetingId\":\"" + meeting
                            + "\",\"participants\":[" + present.stream().map(this::entry).collect(Collectors.joining(",")) + "]}"));
                }
                case "joined" -> feed(MessageType.ROSTER, 0, you, utf8("{\"type\":\"joined\",\"participant\":" + joined(arg) + "}"));
                case "left" -> feed(MessageType.ROSTER, 0, you, utf8("{\"type\":\"left\",\"id\":" + arg.asInt() + "}"));
                case "admit" -> feed(MessageType.ADMIT, arg.asInt(), you, new byte[0]);
                case "key" -> {
                    int from = arg.get("from").asInt();
                    int sealedBy = arg.has("sealedBy") ? arg.get("sealedBy").asInt() : from;
                    EpochSecret secret = EpochSecret.of(arg.get("epoch").asLong(), secret(arg.get("secret").asText()));
                    given.computeIfAbsent(secret.epoch(), e -> new ArrayList<>()).add(secret.bytes());
                    feed(MessageType.KEY, from, you, KeyDelivery.seal(meeting, secret, you, ours.publicKey(), peerKeys.get(sealedBy)));
                }
                case "data" -> feed(MessageType.DATA, arg.get("from").asInt(), arg.path("to").asInt(0), frame(arg));
                case "media" -> {
                    byte[] frame = frame(arg);
                    byte[] payload = new byte[1 + frame.length];
                    payload[0] = (byte) arg.get("mark").asInt();
                    System.arraycopy(frame, 0, payload, 1, frame.length);
                    feed(MessageType.MEDIA, arg.get("from").asInt(), arg.path("to").asInt(0), payload);
                }
                case "replay" -> {
                    lastFed = fed.get(arg.asInt()).duplicate();
                    deliver(lastFed.duplicate());
                }
                case "raw" -> {
                    byte[] payload = arg.has("json") ? utf8(arg.get("json").toString()) : new byte[0];
                    feed(MessageType.valueOf(arg.get("type").asText()), arg.get("from").asInt(), arg.path("to").asInt(0), payload);
                }
                case "sendChat" -> {
                    try {
                        session.sendChat(Envelope.EVERYONE, arg.asText());
                    } catch (IllegalStateException notNow) {
                        return List.of("refused");
                    }
                }
                case "admitPeer" -> session.admit(arg.asInt());
                default -> throw new IllegalArgumentException("unknown step " + verb);
            }
            return List.of();
        }

        private byte[] frame(JsonNode data) {
            int from = data.get("from").asInt();
            long epoch = data.get("epoch").asLong();
            byte[] plaintext = data.has("content")
                    ? Content.withKind(data.get("content").get("kind").asInt(), HEX.parseHex(data.get("content").get("hex").asText()))
                    : data.has("chat")
                    ? Content.chat(data.get("chat").asText(), Instant.parse("2026-12-07T10:00:00Z"))
                    : Content.members(data.get("members").get("epoch").asLong(), data.get("members").get("keyholder").asInt(),
                            stream(data.get("members").get("members")).map(JsonNode::asInt).toList());
            long ctr = counters.merge(from + "/" + epoch, 1L, Long::sum) - 1;
            return EpochSecret.of(epoch, secret(data.get("secret").asText())).senderKey(from, SUITE)
                    .seal(ctr, new byte[0], plaintext);
        }

        private void feed(MessageType type, int sender, int recipient, byte[] payload) {
            ByteBuffer bytes = codec.encode(Envelope.of(type, sender, recipient, payload));
            lastFed = bytes.duplicate();
            deliver(bytes);
        }

        // as the client's Receiver does: the codec first, then the session
        private void deliver(ByteBuffer bytes) {
            try {
                session.receive(codec.decode(bytes));
            } catch (MalformedEnvelopeException malformed) {
                session.dropMalformed(malformed.getMessage());
            }
        }

        // a number, or {"id": n, "key": "fresh" | "of m"}: a server re-announcing someone with another key
        private String joined(JsonNode arg) {
            if (!arg.isObject()) {
                return entry(arg.asInt());
            }
            int id = arg.get("id").asInt();
            String key = arg.get("key").asText();
            if (key.equals("fresh")) {
                peerKeys.put(id, ParticipantKeyPair.generate(random));
                return entry(id);
            }
            return entry(id, keyOf(Integer.parseInt(key.substring("of ".length()))));
        }

        private byte[] keyOf(int id) {
            return id == you ? ours.publicKey() : peerKeys.get(id).publicKey();
        }

        private String entry(int id) {
            return entry(id, keyOf(id));
        }

        private String entry(int id, byte[] key) {
            return "{\"id\":" + id + ",\"name\":\"P" + id + "\",\"role\":\"" + roles.get(id) + "\",\"publicKey\":\""
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\""
                    + (vouched.containsKey(id) ? ",\"vouched\":\"" + vouched.get(id) + "\"" : "") + "}";
        }

        private byte[] secret(String name) {
            if (name.startsWith("@")) {
                byte[] secret = learned.get(Long.parseLong(name.substring(1)));
                assertThat(secret).as("the client delivered a secret for %s", name).isNotNull();
                return secret;
            }
            return HEX.parseHex(SUITE_FILE.get("secrets").get(name).asText());
        }

        private String expectedCode(JsonNode code) {
            if (code.isNull()) {
                return null;
            }
            List<byte[]> keys = new ArrayList<>();
            code.get("members").forEach(id -> keys.add(id.asInt() == you ? ours.publicKey() : peerKeys.get(id.asInt()).publicKey()));
            return EpochSecret.of(0, secret(code.get("secret").asText())).verificationCode(keys).text();
        }

        private List<String> sends() {
            List<String> out = new ArrayList<>();
            for (Envelope e : sent) {
                String to = e.type() + " to " + e.recipient();
                switch (e.type()) {
                    case KEY -> out.add(to + " epoch " + openKey(e));
                    case DATA -> out.add(to + " epoch " + describeData(e.payloadBytes()));
                    default -> out.add(to);
                }
            }
            return out;
        }

        private String openKey(Envelope e) {
            byte[] payload = e.payloadBytes();
            long epoch = ByteBuffer.wrap(payload).getLong();
            try {
                EpochSecret secret = KeyDelivery.open(meeting, e.recipient(), peerKeys.get(e.recipient()), ours.publicKey(), payload);
                learned.put(secret.epoch(), secret.bytes());
                return Long.toString(secret.epoch());
            } catch (KeyDeliveryException refused) {
                return epoch + " (does not open)";
            }
        }

        private String describeData(byte[] frame) {
            long epoch;
            try {
                epoch = SFrameHeader.decode(frame, 0, frame.length).kid() >>> 16;
            } catch (SFrameException malformed) {
                return "malformed";
            }
            List<byte[]> candidates = new ArrayList<>(given.getOrDefault(epoch, List.of()));
            if (learned.containsKey(epoch)) {
                candidates.add(learned.get(epoch));
            }
            for (byte[] secret : candidates) {
                try {
                    byte[] plaintext = EpochSecret.of(epoch, secret).senderKey(you, SUITE).open(frame, new byte[0]);
                    return epoch + " " + describeContent(plaintext);
                } catch (SFrameException notThisOne) {
                    // a forged secret for the same epoch: try the next
                }
            }
            return epoch + " unreadable";
        }

        private static String describeContent(byte[] plaintext) {
            return switch (Content.kind(plaintext)) {
                case Content.MEMBERS -> {
                    Content.Members m = Content.readMembers(plaintext);
                    yield "members " + m.epoch() + " by " + m.keyholder() + ": " + sorted(m.members());
                }
                case Content.CHAT -> "chat " + Content.readChat(plaintext).text();
                default -> "kind " + Content.kind(plaintext);
            };
        }

        private List<String> events() {
            List<String> out = new ArrayList<>();
            for (SessionEvent event : events) {
                switch (event) {
                    case SessionEvent.Dropped d -> out.add("drop " + d.reason().code());
                    case SessionEvent.EpochChanged c -> out.add("members " + c.membership().epoch() + " by "
                            + c.membership().keyholder() + ": " + sorted(c.membership().members()));
                    case SessionEvent.ChatReceived c -> out.add("chat from " + c.sender() + ": " + c.text());
                    case SessionEvent.Waiting w -> out.add("waiting " + w.participant().id());
                    case SessionEvent.Admitted a -> out.add("admitted by " + a.by());
                    case SessionEvent.ContentReceived c -> out.add("content " + c.kind() + " from " + c.sender());
                    case SessionEvent.MediaDropped m -> out.add("media dropped from " + m.from() + " stream " + m.stream());
                    default -> { } // joined, roster changes, handshakes, refusals and closes are not scripted
                }
            }
            return out;
        }

        private static String sorted(List<Integer> ids) {
            return ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    private static List<String> strings(JsonNode array) {
        return array == null ? List.of() : stream(array).map(JsonNode::asText).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode load() {
        try (InputStream in = SessionConformanceTest.class.getResourceAsStream("/conformance/session-cases.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
