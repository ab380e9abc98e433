package org.parley.agent.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.agent.desktop.ChildJvm;
import org.parley.agent.desktop.Xvfb;
import org.parley.agent.desktop.XvfbExtension;

/** The X11 capture (XDamage + XShm) on Xvfb, which has both extensions; see {@link X11CaptureScenario}. */
@ExtendWith(XvfbExtension.class)
class X11CaptureOnXvfbTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void grabsExactlyWhatRobotSeesAndReportsNoChangeUntilSomethingIsDrawn(Xvfb xvfb) throws Exception {
        List<String> seen = ChildJvm.run(xvfb, X11CaptureScenario.class, TIMEOUT, "pixels");

        assertThat(seen).containsExactly(
                "x11 true X11 XDamage + XShm",
                "full grab equals Robot true",
                "idle ticks report 0 changes in 10",
                "caret reported as a change",
                "after the caret equals Robot true",
                "second window reported as a change",
                "after the window equals Robot true");
    }

    @Test
    void robotIsUsedWhenTheFastPathIsSwitchedOffAndThenEveryTickGrabs(Xvfb xvfb) throws Exception {
        List<String> seen = ChildJvm.run(xvfb, X11CaptureScenario.class, TIMEOUT, "robot");

        assertThat(seen).containsExactly(
                "x11 false java.awt.Robot (full grab every tick: parley.capture=robot)",
                "every tick grabs true");
    }

    @Test
    void aDisplayWithoutSharedMemoryIsCapturedWithRobotSayingWhy() throws Exception {
        try (Xvfb withoutShm = Xvfb.start("-extension", "MIT-SHM")) {
            List<String> seen = ChildJvm.run(withoutShm, X11CaptureScenario.class, TIMEOUT, "fallback");

            assertThat(seen).containsExactly(
                    "x11 false java.awt.Robot (full grab every tick: the X server has no MIT-SHM extension)",
                    "every tick grabs true");
        }
    }

    /**
     * As with a remote display, the X server cannot attach our segment (the agent runs in its own IPC
     * namespace): the X error must neither end the agent nor leave it without a capture.
     */
    @Test
    void anXServerThatCannotReachOurSharedMemoryLeavesTheAgentRunningOnRobot(Xvfb xvfb) throws Exception {
        assumeThat(canUnshareIpc()).as("unshare --ipc works here (root or user namespaces)").isTrue();

        List<String> seen = ChildJvm.run(List.of("unshare", "--ipc"), xvfb, X11CaptureScenario.class, TIMEOUT, "fallback");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("x11 false java.awt.Robot (full grab every tick: ").contains("shared memory");
        assertThat(seen.get(1)).isEqualTo("every tick grabs true");
    }

    private static boolean canUnshareIpc() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("unshare", "--ipc", "true").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException missing) {
            return false;
        }
    }

    @Test
    void closeReleasesTheSharedMemoryAndTheXConnectionAndCaptureGoesOnWithRobot(Xvfb xvfb) throws Exception {
        List<String> seen = ChildJvm.run(xvfb, X11CaptureScenario.class, TIMEOUT, "close");

        assertThat(seen).containsExactly(
                "x11 true X11 XDamage + XShm",
                "while open: shared memory mappings 1, extra sockets 1",
                "after close: shared memory mappings 0, extra sockets 0",
                "after close it still captures true with java.awt.Robot (the X11 capture was closed)");
    }
}
