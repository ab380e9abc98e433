package org.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
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

        assertThat(names()).containsExactly("agent.log", "agent.log.0", "agent.log.0.lck", "agent.log.1", "agent.log.2");
        assertThat(Files.readSymbolicLink(file)).isEqualTo(Path.of("agent.log.0"));
        assertThat(Files.size(file)).isPositive().isLessThan(1_000);
        int line = "2026-12-07T20:09:00.123Z INFO line 99\n".length();
        for (Path older : List.of(dir.resolve("agent.log.1"), dir.resolve("agent.log.2"))) {
            assertThat(Files.size(older)).isBetween(1_000L, 1_000L + line - 1);
        }
        assertThat(Files.readAllLines(file).getLast()).endsWith(" INFO line 99");
        List<String> older = Files.readAllLines(dir.resolve("agent.log.1"));
        assertThat(Files.readAllLines(file).getFirst()).endsWith(" INFO line " + (number(older.getLast()) + 1));
    }

    @Test
    void installingAgainAppendsToTheSameFileAndClosingRemovesTheLock() throws IOException {
        Path file = AgentLog.install(dir.resolve("agent.log"));
        AgentLog.info("first run");
        AgentLog.install(file);
        AgentLog.info("second run");
        AgentLog.uninstall();

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(names()).containsExactly("agent.log", "agent.log.0");
    }

    @Test
    void aFileFromBeforeIsKeptAndAppendedTo() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.log"), "2026-11-24T10:00:00.123Z INFO written before\n");
        AgentLog.install(file);
        AgentLog.info("written now");

        assertThat(Files.readAllLines(file)).hasSize(2).last().asString().endsWith(" INFO written now");
    }

    @Test
    void aPercentSignInTheNameIsJustACharacter() throws IOException {
        Path file = AgentLog.install(dir.resolve("100%g%u.log"));
        AgentLog.info("here");

        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void onlyTheOwnerMayReadTheFilesOrTheFolderTheAgentMade() throws IOException {
        Path folder = dir.resolve("state/parley-agent");
        Path file = AgentLog.install(folder.resolve("agent.log"), 1_000, 2);
        for (int i = 0; i < 100; i++) {
            AgentLog.info("line " + i);
        }

        assertThat(rights(folder)).isEqualTo("rwx------");
        for (String name : List.of("agent.log.0", "agent.log.1", "agent.log.2")) {
            assertThat(rights(folder.resolve(name))).as(name).isEqualTo("rw-------");
        }
        assertThat(rights(file)).isEqualTo("rw-------");
    }

    @Test
    void aSecondAgentOnTheSameFileWritesItsOwnPrivateFile() throws IOException {
        // the first agent's FileHandler holds this lock while it runs
        try (FileChannel first = FileChannel.open(dir.resolve("agent.log.0.lck"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            first.lock();
            AgentLog.install(dir.resolve("agent.log"));
            AgentLog.info("from the second agent");

            Path second = dir.resolve("agent.log.0.1");
            assertThat(Files.readAllLines(second)).singleElement().asString().endsWith(" INFO from the second agent");
            assertThat(rights(second)).isEqualTo("rw-------");
        }
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

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(each -> each.getFileName().toString()).sorted().toList();
        }
    }

    private static String rights(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }
}
