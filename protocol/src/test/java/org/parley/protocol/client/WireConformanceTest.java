package org.parley.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MalformedEnvelopeException;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.json.StrictJson;

/**
 * The Java half of {@code conformance/wire.json}: envelope bytes and DATA plaintexts read and
 * written exactly as the browser does ({@code SessionConformanceBrowserTest} checks the same file).
 */
class WireConformanceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNode WIRE = load();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    static Stream<JsonNode> envelopes() {
        return stream(WIRE.get("envelopes"));
    }

    static Stream<JsonNode> malformedEnvelopes() {
        return stream(WIRE.get("malformedEnvelopes"));
    }

    static Stream<JsonNode> content() {
        return stream(WIRE.get("content"));
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void envelopesEncodeToExactlyTheseBytesAndDecodeBack(JsonNode v) throws MalformedEnvelopeException {
        var envelope = Envelope.of(MessageType.valueOf(v.get("type").asText()), (int) v.get("sender").asLong(),
                (int) v.get("recipient").asLong(), HEX.parseHex(v.get("payload").asText()));

        ByteBuffer encoded = codec.encode(envelope);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Envelope decoded = codec.decode(ByteBuffer.wrap(HEX.parseHex(v.get("bytes").asText())));

        assertThat(HEX.formatHex(bytes)).isEqualTo(v.get("bytes").asText());
        assertThat(decoded.type()).isEqualTo(envelope.type());
        assertThat(Integer.toUnsignedLong(decoded.sender())).isEqualTo(v.get("sender").asLong());
        assertThat(Integer.toUnsignedLong(decoded.recipient())).isEqualTo(v.get("recipient").asLong());
        assertThat(decoded.payloadBytes()).isEqualTo(HEX.parseHex(v.get("payload").asText()));
    }

    @ParameterizedTest
    @MethodSource("malformedEnvelopes")
    void malformedEnvelopesAreRefused(JsonNode v) {
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(HEX.parseHex(v.get("bytes").asText()))))
                .as(v.get("why").asText()).isInstanceOf(MalformedEnvelopeException.class);
    }

    @ParameterizedTest
    @MethodSource("content")
    void plaintextsReadAsTheBrowserReadsThem(JsonNode v) {
        byte[] body = v.has("json") ? v.get("json").toString().getBytes(StandardCharsets.UTF_8) : HEX.parseHex(v.get("raw").asText());
        byte[] plaintext = Content.withKind(v.get("kind").asInt(), body);
        JsonNode expect = v.get("expect");
        String why = v.get("why").asText();

        if (expect.isTextual() && expect.asText().equals("malformed")) {
            assertThatThrownBy(() -> read(plaintext)).as(why).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(read(plaintext)).as(why).isEqualTo(expect.isTextual() ? expect.asText() : expect.toString());
        }
    }

    // the same outcome words as the browser's runner
    private static String read(byte[] plaintext) {
        int kind = Content.kind(plaintext);
        if (kind == Content.MEMBERS) {
            Content.Members m = Content.readMembers(plaintext);
            return "{\"members\":{\"epoch\":" + m.epoch() + ",\"keyholder\":" + m.keyholder() + ",\"members\":"
                    + m.members().stream().sorted().toList().toString().replace(" ", "") + "}}";
        }
        if (kind == Content.CHAT) {
            return "{\"chat\":" + StrictJson.text(Content.readChat(plaintext).text()) + "}";
        }
        if (kind >= Content.FIRST_APPLICATION_KIND && kind <= Content.LAST_APPLICATION_KIND) {
            return "{\"screen\":" + kind + "}";
        }
        return "ignored";
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static JsonNode load() {
        try (InputStream in = WireConformanceTest.class.getResourceAsStream("/conformance/wire.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
