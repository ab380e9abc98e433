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
class ControlBarOnXvfbTest {
    private static final String BUTTONS = "Take back control, Chat, End session]";

    @Test
    void barShowsTheSessionAndItsButtonsAnswerRealClicksAtTheLoggedPlaces(Xvfb xvfb, @TempDir Path dir) throws Exception {
        List<String> result = ChildJvm.run(xvfb, ControlBarScenario.class, Duration.ofSeconds(90),
                dir.resolve("agent.log").toString());

        assertThat(result).containsExactly(
                "texts [Support session with Alice Example, No one controls your mouse and keyboard., Pause viewing, " + BUTTONS,
                "top centre true, on top true",
                "colour b3261e",
                "logged [pause, end, takeBack, chat], where they are true",
                "can take the focus false",
                "take back while no one controls: none",
                "take back: take back control",
                "pause: paused true",
                "texts [Support session with Alice Example (viewing paused) · code 4821 9930, "
                        + "No one controls your mouse and keyboard., Resume viewing, " + BUTTONS,
                "colour 44474e",
                "pause: paused false, colour b3261e, button Pause viewing",
                "a message opens the chat under the bar: true, takes the focus false, buttons stayed true",
                "Hide chat closes it: true",
                "typed: chat \"hi there\"",
                "typed blanks: none",
                "pasted 5000, field held 4000, sent: chat 4000 characters",
                "chat [Alice Example: Hello, can you see this? / You: hi there / You: y…y, Send]",
                "texts [Support session with Alice Example · code 4821 9930, <html><b>Mallory</b>" + "x".repeat(19)
                        + "… controls your mouse and keyboard., Reconnecting…], renders html false",
                "end: end session",
                "closed, logged places once: true");
    }
}
