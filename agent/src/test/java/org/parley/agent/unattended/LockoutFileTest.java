package org.parley.agent.unattended;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.access.AccessLockout;

class LockoutFileTest {
    @TempDir
    Path dir;
    private final Ticking clock = new Ticking(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void aLockSurvivesARestartOfTheService() throws IOException {
        Path machineFile = dir.resolve("parley-agent").resolve("machine.json");
        var before = LockoutFile.beside(machineFile, clock);
        for (int i = 0; i < AccessLockout.MAX_FAILURES; i++) {
            before.lockout().recordFailure();
            before.save();
        }
        Instant until = before.lockout().lockedUntil().orElseThrow();

        clock.now = clock.now.plus(Duration.ofMinutes(2)); // systemd restarts the service
        var after = LockoutFile.beside(machineFile, clock);

        assertThat(after.path()).isEqualTo(machineFile.resolveSibling("access-lockout.json"));
        assertThat(after.lockout().lockedUntil()).contains(until);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(after.path()))).isEqualTo("rw-------");
        try (var files = Files.list(after.path().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("access-lockout.json");
        }
    }

    @Test
    void wrongPasswordsBeforeARestartStillCount() throws IOException {
        Path machineFile = dir.resolve("machine.json");
        var before = LockoutFile.beside(machineFile, clock);
        for (int i = 0; i < AccessLockout.MAX_FAILURES - 1; i++) {
            before.lockout().recordFailure();
        }
        before.save();

        var after = LockoutFile.beside(machineFile, clock);

        assertThat(after.lockout().lockedUntil()).isEmpty();
        assertThat(after.lockout().recordFailure()).as("the fifth wrong password locks, four of them before the restart").isTrue();
    }

    @Test
    void noFileOrADamagedOneStartsAfresh() throws IOException {
        Path machineFile = dir.resolve("machine.json");
        assertThat(LockoutFile.beside(machineFile, clock).lockout().state().failures()).isEmpty();

        Files.writeString(dir.resolve("access-lockout.json"), "{\"failures\":[\"yesterday\"]}");
        var damaged = LockoutFile.beside(machineFile, clock);
        assertThat(damaged.lockout().state().failures()).isEmpty();
        damaged.lockout().recordFailure();
        damaged.save(); // and replaces the damaged file with a good one
        assertThat(LockoutFile.beside(machineFile, clock).lockout().state().failures()).containsExactly(clock.now);
    }

    @Test
    void aFileTheStreamingWriterLeftIsReadAndWrittenTheSameWay() throws IOException {
        // what LockoutFile wrote before StrictJson, byte for byte: DefaultPrettyPrinter's layout
        String before = """
                {
                  "failures" : [ "2026-11-24T09:58:00Z", "2026-11-24T09:59:00Z" ],
                  "lockedUntil" : "2026-11-24T10:10:00Z"
                }""";
        Path machineFile = dir.resolve("machine.json");
        Files.writeString(dir.resolve("access-lockout.json"), before);

        var read = LockoutFile.beside(machineFile, clock);

        assertThat(read.lockout().state()).isEqualTo(new AccessLockout.State(
                List.of(Instant.parse("2026-11-24T09:58:00Z"), Instant.parse("2026-11-24T09:59:00Z")), Instant.parse("2026-11-24T10:10:00Z")));
        read.save();
        assertThat(Files.readString(read.path())).isEqualTo(before);
    }

    @Test
    void aFileWithAMistypedOrRepeatedFieldStartsAfreshButAnUnknownFieldIsIgnored() throws IOException {
        Path machineFile = dir.resolve("machine.json");
        Path file = dir.resolve("access-lockout.json");
        for (String damaged : List.of("{\"failures\":[1]}", "{\"failures\":\"2026-11-24T09:59:00Z\"}",
                "{\"failures\":[null]}", "{\"failures\":[],\"failures\":[\"2026-11-24T09:59:00Z\"]}", "[]", "null")) {
            Files.writeString(file, damaged);
            assertThat(LockoutFile.beside(machineFile, clock).lockout().state().failures()).as(damaged).isEmpty();
        }
        Files.writeString(file, "{\"failures\":[\"2026-11-24T09:59:00Z\"],\"writtenBy\":{\"version\":2}}");
        assertThat(LockoutFile.beside(machineFile, clock).lockout().state().failures()).hasSize(1);
    }

    /** A clock that stands still until a test moves it. */
    private static final class Ticking extends Clock {
        Instant now;

        Ticking(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
