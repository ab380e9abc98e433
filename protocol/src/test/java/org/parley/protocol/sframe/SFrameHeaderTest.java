package org.parley.protocol.sframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.parley.protocol.sframe.SFrameException.Reason;

class SFrameHeaderTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void smallValuesFitTheConfigByte() {
        assertThat(HEX.formatHex(new SFrameHeader(7, 5).encode())).isEqualTo("75");
    }

    @Test
    void largerValuesFollowInShortestBigEndian() {
        assertThat(HEX.formatHex(new SFrameHeader(0x10001, 8).encode())).isEqualTo("a8" + "010001" + "08");
    }

    @Test
    void decodingIgnoresTheBytesAfterTheHeader() throws SFrameException {
        byte[] frame = HEX.parseHex("99" + "0123" + "4567" + "deadbeef");

        assertThat(SFrameHeader.decode(frame, 0, frame.length)).isEqualTo(new SFrameHeader(0x123, 0x4567));
    }

    @Test
    void decodingHonoursOffsetAndLength() throws SFrameException {
        byte[] buffer = HEX.parseHex("ffff" + "80" + "0a" + "ff");

        assertThat(SFrameHeader.decode(buffer, 2, 2)).isEqualTo(new SFrameHeader(10, 0));
    }

    @Test
    void emptyOrShortInputIsATruncatedHeader() {
        assertRefused(HEX.parseHex(""), Reason.TRUNCATED_HEADER);
        assertRefused(HEX.parseHex("99" + "0123" + "45"), Reason.TRUNCATED_HEADER);
        assertRefused(HEX.parseHex("ff" + "ffffffffffffffff" + "ffffffffffffff"), Reason.TRUNCATED_HEADER);
    }

    @Test
    void valuesNotInShortestFormAreMalformed() {
        assertRefused(HEX.parseHex("80" + "05"), Reason.MALFORMED_HEADER);   // KID 5 belongs in the config byte
        assertRefused(HEX.parseHex("98" + "0001" + "09"), Reason.MALFORMED_HEADER); // leading zero byte
        assertRefused(HEX.parseHex("08" + "00"), Reason.MALFORMED_HEADER);   // CTR 0 in extended form
    }

    @Test
    void largestValuesTakeSeventeenBytes() throws SFrameException {
        SFrameHeader max = new SFrameHeader(-1, -1);

        assertThat(max.encodedLength()).isEqualTo(SFrameHeader.MAX_LENGTH);
        assertThat(SFrameHeader.decode(max.encode(), 0, SFrameHeader.MAX_LENGTH)).isEqualTo(max);
        assertThat(max.toString()).contains("18446744073709551615");
    }

    private static void assertRefused(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> SFrameHeader.decode(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(SFrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
