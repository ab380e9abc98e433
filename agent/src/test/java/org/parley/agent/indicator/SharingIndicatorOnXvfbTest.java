package org.parley.agent.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

@ExtendWith(XvfbExtension.class)
class SharingIndicatorOnXvfbTest {

    @Test
    void indicatorAppearsOnTopSaysWhoIsInControlRevokesWithOneClickAndStopButtonStops(Xvfb xvfb) throws Exception {
        List<String> result = ChildJvm.run(xvfb, IndicatorScenario.class, Duration.ofSeconds(40));

        assertThat(result).hasSize(10);
        assertThat(result.get(0)).isEqualTo("text Sharing your screen — no one is in control");
        assertThat(result.get(1)).isEqualTo("at top centre true");
        assertThat(result.get(2)).startsWith("visible ");
        assertThat(result.get(3)).isEqualTo("text Sharing your screen — Alice is in control");
        assertThat(result.get(4)).isEqualTo("revoke shown true");
        assertThat(result.get(5)).isEqualTo("revoked");
        assertThat(result.get(6)).as("a hostile name is shown as text, shortened, without control characters")
                .isEqualTo("text Sharing your screen — <html><b>Mallory</b>" + "x".repeat(19) + "… is in control");
        assertThat(result.get(7)).isEqualTo("text Sharing your screen — no one is in control");
        assertThat(result.get(8)).as("no Revoke button while no one is in control").isEqualTo("revoke shown false");
        assertThat(result.get(9)).isEqualTo("stopped");
    }

    @Test
    void displayNameDropsControlCharactersAndFallsBackForBlankNames() {
        assertThat(SharingIndicator.displayName("  Bob\u0000\n ")).isEqualTo("Bob");
        assertThat(SharingIndicator.displayName("\u0007")).isEqualTo("someone");
        assertThat(SharingIndicator.displayName("😀".repeat(50))).isEqualTo("😀".repeat(39) + "…");
    }
}
