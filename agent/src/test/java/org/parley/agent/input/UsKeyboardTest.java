package org.parley.agent.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import org.junit.jupiter.api.Test;

class UsKeyboardTest {

    @Test
    void everyPrintableAsciiCharacterHasAStrokeAndShiftedSymbolsUseTheirBaseKey() {
        for (char c = ' '; c < 0x7f; c++) {
            assertThat(UsKeyboard.stroke(c)).as("'%s'", c).isPresent();
        }
        assertThat(UsKeyboard.stroke('!')).contains(new UsKeyboard.Stroke(KeyEvent.VK_1, true));
        assertThat(UsKeyboard.stroke('"')).contains(new UsKeyboard.Stroke(KeyEvent.VK_QUOTE, true));
        assertThat(UsKeyboard.stroke('/')).contains(new UsKeyboard.Stroke(KeyEvent.VK_SLASH, false));
    }

    @Test
    void nonAsciiTextIsNotTypedKeyByKey() {
        assertThat(UsKeyboard.canType("Hi! a_b\n")).isTrue();
        assertThat(UsKeyboard.canType("Grüße")).isFalse();
    }
}
