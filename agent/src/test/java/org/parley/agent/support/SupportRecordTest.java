package org.parley.agent.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.agent.consent.Answer;
import org.parley.agent.present.RemoteControl;
import org.parley.protocol.keys.KeyFingerprint;

class SupportRecordTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final KeyFingerprint TINA = KeyFingerprint.of(new byte[32]);
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-07T20:59:58Z"));
    private final SupportRecord record = new SupportRecord(clock);

    @Test
    void eventsAreListedInTheOrderTheyHappenedEachWithItsLocalTime() {
        record.started("5f1c", "Tina Tech", "Acme Support");
        clock.advance(Duration.ofSeconds(3));
        record.viewer("Tina Tech", TINA, Answer.ALLOW);
        clock.advance(Duration.ofSeconds(10));
        record.request("control", "Tina Tech", TINA, Answer.ALLOW, true, "");
        var bar = new ArrayList<String>();
        RemoteControl.Display display = record.showingOn(RemoteControl.Display.of(name -> bar.add("controlled by " + name),
                () -> bar.add("no one")));
        display.controlledBy("Tina Tech");
        clock.advance(Duration.ofMinutes(2));
        display.noController("the customer took back control");
        record.paused(true);
        record.paused(false);
        record.connectionLost();
        record.reconnected();
        record.request("control", "Tina Tech", TINA, Answer.TIMED_OUT, false, "");
        record.file("received from the technician", "fix.sh", 1234, "refused by the customer");
        clock.advance(Duration.ofSeconds(1));
        record.ended("the customer ended the session");

        assertThat(bar).as("the control bar still hears of control").containsExactly("controlled by Tina Tech", "no one");
        assertThat(record.text(BERLIN).lines().skip(5).toList()).containsExactly(
                "2026-12-07 21:59:58  session started",
                "2026-12-07 22:00:01  allowed \"Tina Tech\" (key " + TINA.text() + ") to see the screen",
                "2026-12-07 22:00:11  control asked by \"Tina Tech\" (key " + TINA.text() + "): allowed",
                "2026-12-07 22:00:11  \"Tina Tech\" controls the mouse and keyboard",
                "2026-12-07 22:02:11  control ended: the customer took back control",
                "2026-12-07 22:02:11  viewing paused by the customer",
                "2026-12-07 22:02:11  viewing resumed by the customer",
                "2026-12-07 22:02:11  connection to the server lost: nothing shown, no one in control, reconnecting",
                "2026-12-07 22:02:11  reconnected to the server",
                "2026-12-07 22:02:11  control asked by \"Tina Tech\" (key " + TINA.text() + "): refused (no answer in time)",
                "2026-12-07 22:02:11  file received from the technician: \"fix.sh\", 1234 bytes, refused by the customer",
                "2026-12-07 22:02:12  session ended: the customer ended the session");
        assertThat(record.text(BERLIN)).startsWith(SupportRecord.TITLE + "\n" + SupportRecord.ONLY_HERE + "\n"
                + "Support session 5f1c opened by \"Tina Tech\" of \"Acme Support\"\nTimes are local (Europe/Berlin).\n\n");
        assertThat(record.text(ZoneOffset.UTC)).as("times follow the zone asked for").contains("2026-12-07 20:59:58  session started");
    }

    @Test
    void refusalsSayHowTheyCame() {
        record.viewer("Mallory", TINA, Answer.DECLINE);
        record.viewer("Tom", TINA, Answer.TIMED_OUT);
        record.request("control", "Tina", TINA, Answer.ALLOW, false, "a question about who may see the screen was still open");

        assertThat(record.entries()).extracting(SupportRecord.Entry::what).containsExactly(
                "refused \"Mallory\" (key " + TINA.text() + ") to see the screen (declined)",
                "refused \"Tom\" (key " + TINA.text() + ") to see the screen (no answer in time)",
                "control asked by \"Tina\" (key " + TINA.text() + "): allowed, but not given: a question about who may see the screen was still open");
    }

    @Test
    void aNameCannotForgeALineNorHideBehindBidiOrControlCharacters() {
        String forged = "Tina\n2026-12-07 22:00:00  refused \"Eve\r\t\u0007\u001b[2J\u202eevil\u2028\u200b\\\" x";
        record.viewer(forged, TINA, Answer.ALLOW);
        record.file("sent to \nthe technician", "a\u0000b\ud800.txt", 1, "done\nforged line");
        record.ended("the session ended: \u202ereason\nfrom the server");

        List<String> lines = record.text(BERLIN).lines().skip(4).toList();
        assertThat(lines).as("one line per event, after the header (no session started here)").hasSize(3);
        assertThat(lines.get(0)).endsWith("  allowed \"Tina\\n2026-12-07 22:00:00  refused \\\"Eve\\r\\t\\u0007\\u001B[2J\\u202Eevil"
                + "\\u2028\\u200B\\\\\\\" x\" (key " + TINA.text() + ") to see the screen");
        assertThat(lines.get(1)).endsWith("  file sent to \\nthe technician: \"a\\u0000b\\uD800.txt\", 1 bytes, done\\nforged line");
        assertThat(lines.get(2)).endsWith("  session ended: the session ended: \\u202Ereason\\nfrom the server");
        assertThat(record.text(BERLIN)).as("nothing raw is left").doesNotContain("\u202e", "\u0007", "\u001b", "\u2028", "\r", "\u0000");
    }

    @Test
    void aVeryLongNameIsCut() {
        record.viewer("x".repeat(5_000), TINA, Answer.ALLOW);

        assertThat(record.entries().getFirst().what()).startsWith("allowed \"" + "x".repeat(200) + "…\" (key");
    }

    @Test
    void savedFileHoldsTheTextAndOnlyItsOwnerMayReadIt(@TempDir Path home) throws Exception {
        record.started("5f1c", "Tina Tech", "");
        record.viewer("Tina Tech", TINA, Answer.ALLOW);
        Path file = record.suggestedFile(home, BERLIN);
        assertThat(file).isEqualTo(home.resolve("parley-support-2026-12-07.txt"));

        record.save(file, BERLIN);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(record.text(BERLIN));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void savingOverAnOpenFileMakesItPrivate(@TempDir Path home) throws Exception {
        Path file = home.resolve("record.txt");
        Files.writeString(file, "older and longer text than the record will be ".repeat(100));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        record.started("5f1c", "Tina Tech", "");

        record.save(file, BERLIN);

        assertThat(Files.readString(file)).isEqualTo(record.text(BERLIN));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theSuggestedNameTakesTheDayTheSessionStartedInTheCustomersZone(@TempDir Path home) {
        record.started("5f1c", "Tina Tech", "");

        assertThat(record.suggestedFile(home, ZoneId.of("Pacific/Kiritimati")).getFileName().toString())
                .isEqualTo("parley-support-2026-12-08.txt");
    }

    /** A clock that moves only when told. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
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
