package org.parley.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void encodesTheDocumentedBigEndianLayout() {
        Envelope envelope = Envelope.of(MessageType.DATA, 0x01020304, 0xfffffffe, new byte[] {(byte) 0xaa, (byte) 0xbb});

        ByteBuffer wire = codec.encode(envelope);

        assertThat(HEX.formatHex(bytes(wire))).isEqualTo("01" + "05" + "01020304" + "fffffffe" + "00000002" + "aabb");
    }

    @Test
    void decodingRestoresEveryFieldOfEachMessageType() {
        for (MessageType type : MessageType.values()) {
            byte[] payload = type == MessageType.MEDIA_ACK ? new byte[] {0, 0, 0, 0, 0, 1, 2, 3} : new byte[] {1, 2, 3};
            Envelope original = Envelope.of(type, 7, type.needsRecipient() ? 9 : 0, payload);

            Envelope decoded = codec.decode(codec.encode(original));

            assertThat(decoded).isEqualTo(original);
            assertThat(decoded.payloadBytes()).containsExactly(payload);
        }
    }

    @Test
    void decodedPayloadIsAReadOnlySliceOfTheInputNotACopy() {
        ByteBuffer wire = codec.encode(Envelope.of(MessageType.DATA, 1, 0, new byte[] {5, 6}));

        Envelope decoded = codec.decode(wire);
        wire.put(EnvelopeCodec.HEADER_LENGTH, (byte) 42);

        assertThat(decoded.payload().isReadOnly()).isTrue();
        assertThat(decoded.payload().get(0)).isEqualTo((byte) 42);
        assertThatThrownBy(() -> decoded.payload().put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void decodingLeavesTheInputBufferPositionAlone() {
        ByteBuffer wire = codec.encode(Envelope.of(MessageType.LEAVE, 3, 0, new byte[0]));

        codec.decode(wire);

        assertThat(wire.position()).isZero();
        assertThat(wire.remaining()).isEqualTo(EnvelopeCodec.HEADER_LENGTH);
    }

    @Test
    void littleEndianBuffersStillReadAndWriteBigEndian() {
        ByteBuffer out = ByteBuffer.allocate(EnvelopeCodec.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        codec.encode(Envelope.of(MessageType.JOIN, 1, 0, new byte[0]), out);

        Envelope decoded = codec.decode(out.flip());

        assertThat(out.get(5)).isEqualTo((byte) 1);
        assertThat(decoded.sender()).isEqualTo(1);
    }

    @Test
    void truncatedHeaderIsRejectedWithItsOffset() {
        assertThatThrownBy(() -> codec.decode(ByteBuffer.wrap(HEX.parseHex("0105000000"))))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("truncated header: 5 of 14 bytes at offset 5");
    }

    @Test
    void truncatedPayloadIsRejected() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01050000000100000000" + "00000004" + "aabb"));

        assertThatThrownBy(() -> codec.decode(wire))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("truncated payload: 2 of 4 bytes at offset 16");
    }

    @Test
    void trailingBytesAreRejected() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01050000000100000000" + "00000001" + "aabbcc"));

        assertThatThrownBy(() -> codec.decode(wire))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class, e -> assertThat(e.offset()).isEqualTo(15))
                .hasMessage("2 trailing bytes after payload at offset 15");
    }

    @Test
    void unknownVersionIsRejected() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("02050000000100000000" + "00000000"));

        assertThatThrownBy(() -> codec.decode(wire)).hasMessage("unsupported version 2 (expected 1) at offset 0");
    }

    @Test
    void unknownMessageTypesAreRejected() {
        for (String type : new String[] {"00", "0b", "ff"}) {
            ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01" + type + "0000000100000000" + "00000000"));

            assertThatThrownBy(() -> codec.decode(wire))
                    .hasMessage("unknown message type " + Integer.parseInt(type, 16) + " at offset 1");
        }
    }

    @Test
    void payloadAboveTheConfiguredMaximumIsRejectedBeforeReadingIt() {
        EnvelopeCodec small = new EnvelopeCodec(3);
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01050000000100000000" + "00000004" + "aabbccdd"));

        assertThatThrownBy(() -> small.decode(wire)).hasMessage("payload length 4 exceeds maximum 3 at offset 10");
    }

    @Test
    void payloadLengthWithTheTopBitSetIsTooLargeNotNegative() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01050000000100000000" + "ffffffff"));

        assertThatThrownBy(() -> codec.decode(wire))
                .hasMessage("payload length 4294967295 exceeds maximum 1048576 at offset 10");
    }

    @Test
    void keyAddressedToEveryoneIsRejected() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01040000000100000000" + "00000000"));

        assertThatThrownBy(() -> codec.decode(wire)).hasMessageContaining("recipient 0").hasMessageEndingWith("at offset 6");
        assertThatThrownBy(() -> codec.encode(Envelope.of(MessageType.KEY, 1, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakeAddressedToEveryoneIsRejected() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("01080000000100000000" + "00000000"));

        assertThatThrownBy(() -> codec.decode(wire)).hasMessage("HANDSHAKE envelope addressed to everyone (recipient 0) at offset 6");
        assertThatThrownBy(() -> codec.encode(Envelope.of(MessageType.HANDSHAKE, 1, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakePayloadIsLimitedTo4KiBWhateverTheCodecAllows() {
        Envelope largest = Envelope.of(MessageType.HANDSHAKE, 1, 2, new byte[4096]);
        ByteBuffer tooLong = ByteBuffer.wrap(HEX.parseHex("01080000000100000002" + "00001001" + "00".repeat(4097)));

        assertThat(codec.decode(codec.encode(largest)).payloadLength()).isEqualTo(4096);
        assertThatThrownBy(() -> codec.decode(tooLong)).hasMessage("payload length 4097 exceeds maximum 4096 for HANDSHAKE at offset 10");
        assertThatThrownBy(() -> codec.encode(Envelope.of(MessageType.HANDSHAKE, 1, 2, new byte[4097])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload length 4097 exceeds maximum 4096 for HANDSHAKE");
    }

    @Test
    void encodingAnOversizedPayloadFailsBeforeWriting() {
        EnvelopeCodec small = new EnvelopeCodec(1);

        assertThatThrownBy(() -> small.encode(Envelope.of(MessageType.DATA, 1, 0, new byte[2])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload length 2 exceeds maximum 1");
    }

    @Test
    void idsAboveTwoToThe31RoundTripAsUnsigned() {
        Envelope envelope = Envelope.of(MessageType.DATA, -1, 0x80000000, new byte[0]);

        Envelope decoded = codec.decode(codec.encode(envelope));

        assertThat(Integer.toUnsignedLong(decoded.sender())).isEqualTo(4294967295L);
        assertThat(decoded.toString()).contains("from 4294967295 to 2147483648");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void aMediaEnvelopeWithoutItsMarkByteIsRefusedBothWays() {
        ByteBuffer wire = ByteBuffer.wrap(HEX.parseHex("0109" + "00000002" + "00000000" + "00000000"));

        assertThatThrownBy(() -> codec.decode(wire)).hasMessageContaining("MEDIA payload of 0 bytes");
        assertThatThrownBy(() -> codec.encode(Envelope.of(MessageType.MEDIA, 2, 0, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(codec.decode(codec.encode(Envelope.of(MessageType.MEDIA, 2, 0, new byte[] {3}))).payloadBytes())
                .containsExactly(3);
    }
}
