package org.parley.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.protocol.json.StrictJson;

class ContentTest {

    @Test
    void chatAndMembersRoundTripThroughTheirJson() {
        String text = "Grüße \"quoted\" \\ back\nslash \u0001 ✓";
        Instant at = Instant.parse("2025-01-02T03:04:05.678Z");
        var chat = Content.readChat(Content.chat(text, at));
        assertThat(chat.text()).isEqualTo(text);
        assertThat(chat.sentAt()).isEqualTo(at);

        byte[] members = Content.members(7, 3, List.of(3, 5, 65535));
        assertThat(Content.kind(members)).isEqualTo(Content.MEMBERS);
        assertThat(Content.readMembers(members)).isEqualTo(new Content.Members(7, 3, List.of(3, 5, 65535)));
    }

    @Test
    void malformedOrHostileJsonIsRefusedWithAnIllegalArgument() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1.5}", "{\"a\":\"\\x\"}", "{} x",
                "[".repeat(100) + "]".repeat(100), "{\"a\":99999999999999999999}")) {
            assertThatThrownBy(() -> Content.readChat(Content.withKind(Content.CHAT, bad.getBytes()))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(StrictJson.object(" {\"a\" : [1, -2, true, null, \"\\u00e9\"]} ")).isEqualTo(
                Map.of("a", java.util.Arrays.asList(1L, -2L, true, null, "é")));
        assertThatThrownBy(() -> Content.readChat(Content.withKind(Content.CHAT, "{\"text\":5}".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Content.readMembers(Content.members(1, 1, List.of(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Content.chat("x".repeat(4001), Instant.now())).isInstanceOf(IllegalArgumentException.class);
    }
}
