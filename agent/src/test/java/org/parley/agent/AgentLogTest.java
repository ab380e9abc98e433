package org.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLogTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @BeforeEach
    void captureStandardError() {
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLogging() {
        AgentLog.uninstall();
        System.setErr(stderr);
    }

    @Test
    void everyRecordIsOneLineWithUtcTimeAndLevelAndLineBreaksCannotForgeLines() throws IOException {
        Path file = AgentLog.install(dir.resolve("state/parley-agent/agent.log"));
        AgentLog.info("consent prompt shown: question=view");
        AgentLog.warn("technician \"Eve\nINFO all is well\" left");
        AgentLog.warn("relay closed", new IOException("connection reset"));
        Logger.getLogger("org.parley.protocol.client.Dispatcher").info("from another logger");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches(TIME + " INFO consent prompt shown: question=view");
        assertThat(lines.get(1)).matches(TIME + " WARNING technician \"Eve\\\\nINFO all is well\" left");
        assertThat(lines.get(2)).matches(TIME + " WARNING relay closed — java.io.IOException: connection reset at .*AgentLogTest.*");
        assertThat(lines.get(3)).endsWith(" INFO from another logger");
        assertThat(AgentLog.path()).contains(file);
    }

    @Test
    void onlyWarningsAlsoGoToStandardError() {
        AgentLog.install(dir.resolve("agent.log"));
        AgentLog.info("quiet");
        AgentLog.warn("loud");

        assertThat(console.toString(StandardCharsets.UTF_8)).matches(TIME + " WARNING loud\n");
    }

    @Test
    void theFileRotatesKeepingTheNewestLinesInTheNamedFile() throws IOException {
        Path file = AgentLog.install(dir.resolve("agent.log"), 1_000, 2);
        for (int i = 0; i < 100; i++) {
            AgentLog.info("line " + i);
        }

        assertThat(dir.resolve("agent.log.3")).doesNotExist();
        for (Path each : List.of(file, dir.resolve("agent.log.1"), dir.resolve("agent.log.2"))) {
            assertThat(Files.size(each)).isPositive().isLessThanOrEqualTo(1_000);
        }
        assertThat(Files.readAllLines(file).getLast()).endsWith(" INFO line 99");
        List<String> older = Files.readAllLines(dir.resolve("agent.log.1"));
        assertThat(Files.readAllLines(file).getFirst()).endsWith(" INFO line " + (number(older.getLast()) + 1));
    }

    @Test
    void installingAgainAppendsToTheSameFile() throws IOException {
        Path file = AgentLog.install(dir.resolve("agent.log"));
        AgentLog.info("first run");
        AgentLog.install(file);
        AgentLog.info("second run");

        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void onlyTheOwnerMayReadTheFile() throws IOException {
        Path file = AgentLog.install(dir.resolve("agent.log"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theVariableWinsThenXdgStateHomeThenHome() {
        Path home = Path.of("/home/ann");
        assertThat(AgentLog.defaultPath(Map.of("PARLEY_AGENT_LOG", "/var/log/x.log", "XDG_STATE_HOME", "/s"), home))
                .isEqualTo(Path.of("/var/log/x.log"));
        assertThat(AgentLog.defaultPath(Map.of("XDG_STATE_HOME", "/s"), home)).isEqualTo(Path.of("/s/parley-agent/agent.log"));
        assertThat(AgentLog.defaultPath(Map.of("XDG_STATE_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/ann/.local/state/parley-agent/agent.log"));
        assertThat(AgentLog.defaultPath(Map.of(), home)).isEqualTo(Path.of("/home/ann/.local/state/parley-agent/agent.log"));
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }
}
