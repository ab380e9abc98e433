package org.parley.agent.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

@ExtendWith(XvfbExtension.class)
class ConsentPromptOnXvfbTest {
    private static final String COUNTDOWN = "Declined automatically in m:ss unless you answer.";

    @Test
    void onlyAClickOnAllowAllowsAndEveryOtherWayOutDeclines(Xvfb xvfb, @TempDir Path dir) throws Exception {
        List<String> result = ChildJvm.run(xvfb, ConsentScenario.class, Duration.ofSeconds(90),
                dir.resolve("agent.log").toString());

        assertThat(result).containsExactly(
                "texts [Alice Example from Example Ltd wants to see your screen., Nothing is shown until you allow it., "
                        + "Their key: 3f2a 9c01 77d4 e5b0 (the same as on their screen?), " + COUNTDOWN + ", Decline, Allow]",
                "on top true",
                "centred true",
                "log places match true",
                "click Allow → ALLOW",
                "texts [Bob asks to control your mouse and keyboard., You can take it back at any time., "
                        + "Their key: 5e59 94d0 3cc8 1e0f (the same as on their screen?), " + COUNTDOWN + ", Decline, Allow]",
                "click Decline → DECLINE",
                "texts [Carol (no organisation) wants to see your screen., Nothing is shown until you allow it., "
                        + COUNTDOWN + ", Decline, Allow]",
                "Escape → DECLINE",
                "Enter → DECLINE",
                "texts [<html><b>Mallory</b>" + "x".repeat(19) + "… from <i>Evil</i> Corp wants to see your screen., "
                        + "Nothing is shown until you allow it., " + COUNTDOWN + ", Decline, Allow]",
                "renders html false",
                "close the window → DECLINE",
                "no answer → TIMED_OUT",
                "waited the timeout true",
                "early click: answered false, allow enabled false",
                "then Decline → DECLINE",
                "click Allow, asked on the event thread → ALLOW");
    }
}
