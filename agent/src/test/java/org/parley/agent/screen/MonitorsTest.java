package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class MonitorsTest {
    @Test
    void aLayoutIsReadLeftToRightAndItsUnionIsWhatAllShares() {
        var monitors = Monitors.parse("1280x1024+1920+0, 1920x1080+0+0");
        assertThat(monitors).containsExactly(new Rectangle(0, 0, 1920, 1080), new Rectangle(1920, 0, 1280, 1024));
        assertThat(Monitors.union(monitors)).isEqualTo(new Rectangle(0, 0, 3200, 1080));
    }

    @Test
    void aLayoutThatIsNotOneIsRefusedWithASentence() {
        assertThatThrownBy(() -> Monitors.parse("1920x1080")).hasMessage(
                "PARLEY_AGENT_MONITORS: \"1920x1080\" is not a monitor written as WIDTHxHEIGHT+X+Y (e.g. 1920x1080+0+0)");
        assertThatThrownBy(() -> Monitors.parse("0x1080+0+0")).hasMessageContaining("must be 1–8192 pixels on each side");
        assertThatThrownBy(() -> Monitors.parse("99999x10+0+0")).hasMessageContaining("must be 1–8192 pixels on each side");
        assertThatThrownBy(() -> Monitors.parse("10x10+0+0,".repeat(17))).hasMessage("PARLEY_AGENT_MONITORS: at most 16 monitors");
    }
}
