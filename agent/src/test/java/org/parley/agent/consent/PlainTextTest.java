package org.parley.agent.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void namesBecomeOneShortLineWithoutControlOrBidiCharacters() {
        assertThat(PlainText.name("  Bob\u0000\n Smith ", 40, "Someone")).isEqualTo("Bob Smith");
        assertThat(PlainText.name("Alice\u202e knaB", 40, "Someone")).isEqualTo("Alice knaB");
        assertThat(PlainText.name("\u0007 ", 40, "Someone")).isEqualTo("Someone");
        assertThat(PlainText.name(null, 40, "Someone")).isEqualTo("Someone");
        assertThat(PlainText.name("😀".repeat(50), 40, "")).isEqualTo("😀".repeat(39) + "…");
        assertThat(PlainText.name("<html><b>x</b>", 40, "")).isEqualTo("<html><b>x</b>");
    }

    @Test
    void chatIsTrimmedKeepsLineBreaksAndStopsAtFourThousandCharacters() {
        assertThat(PlainText.chat("  hello\u0007\r\n  world \t")).isEqualTo("hello\n  world");
        assertThat(PlainText.chat(" \n\t ")).isEmpty();
        assertThat(PlainText.chat("y".repeat(5_000))).hasSize(4_000);
        assertThat(PlainText.chat("y".repeat(3_999) + "😀")).as("never half an emoji").isEqualTo("y".repeat(3_999));
    }
}
