package org.parley.agent.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

@ExtendWith(XvfbExtension.class)
class InputInjectorOnXvfbTest {

    @Test
    void clicksTextIncludingNonAsciiKeysAndWheelReachAWindowAndInvalidEventsAreRefused(Xvfb xvfb) throws Exception {
        List<String> result = ChildJvm.run(xvfb, InputScenario.class, Duration.ofSeconds(40));

        assertThat(result).containsExactly(
                "text Hi! Grüße €",
                "keys [" + KeyEvent.VK_LEFT + ", " + KeyEvent.VK_Q + "]",
                "presses [" + InputScenario.CLICK_X + " " + InputScenario.CLICK_Y + " 1, "
                        + InputScenario.RIGHT_CLICK_X + " " + InputScenario.RIGHT_CLICK_Y + " 3]",
                "wheel 3",
                "refused " + InputScenario.INVALID.size() + " counted " + InputScenario.INVALID.size(),
                "after refused true");
    }
}
