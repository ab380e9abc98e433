package org.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("present", "support", "enroll", "run", "access", "capture-test");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : new String[] {"present", "support", "enroll", "run", "access"}) {
            out.getBuffer().setLength(0);
            assertThat(run(command, "--help")).as(command + " --help").isZero();
            assertThat(out.toString()).as(command + " --help").contains("Usage: parley-agent " + command);
        }
    }

    @Test
    void supportSaysWhatIsWrongWithTheKeyOrTheServer() {
        assertThat(run("support", "12345", "--server", "https://parley.example.org")).isEqualTo(2);
        assertThat(err.toString()).contains("a support key is nine digits");
        assertThat(run("support", "123 456 789", "--server", "ftp://parley.example.org")).isEqualTo(2);
        assertThat(err.toString()).contains("--server must be the server's address");
        assertThat(run("support", "123456789")).isEqualTo(2);
        assertThat(err.toString()).contains("--server");
    }

    @Test
    void supportWithoutADisplaySaysSo() {
        assertThat(run("support", "123-456-789", "--server", "https://parley.example.org")).isEqualTo(1);
        assertThat(err.toString()).contains("support needs a display");
    }

    @Test
    void enrolmentNeverTakesThePasswordFromAnArgumentAndRefusesToEnrolTwice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(run("enroll", "--server", "http://127.0.0.1:9", "--name", "Office PC", "--password", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--password'");
        var existing = dir.resolve("machine.json");
        java.nio.file.Files.writeString(existing, "{}");
        assertThat(run("enroll", "--server", "http://127.0.0.1:9", "--name", "Office PC", "--config", existing.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("already enrolled");
        assertThat(run("enroll", "--server", "http://127.0.0.1:9", "--name", " ", "--config", dir.resolve("new.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--name must be 1–100 characters");
    }

    @Test
    void aNewAccessPasswordIsNeverTakenFromAnArgumentAndLeavesTheFileAloneWhenNoneIsTyped(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var id = java.util.UUID.randomUUID();
        var file = dir.resolve("machine.json");
        new org.parley.agent.unattended.MachineFile(java.net.URI.create("http://127.0.0.1:9"), id, "token", "Office PC",
                org.parley.protocol.access.AccessVerifier.generate(id, "lantern quietly orbit marmalade 7 tundra",
                        new java.security.SecureRandom())).save(file);
        String before = java.nio.file.Files.readString(file);

        assertThat(run("access", "password", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no terminal to ask for the access password");
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(before);
        assertThat(run("access", "password", "new password here", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }

    @Test
    void accessAndRunSayWhenTheComputerIsNotEnrolled(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String missing = dir.resolve("none.json").toString();
        assertThat(run("access", "status", "--config", missing)).isEqualTo(1);
        assertThat(err.toString()).contains("none.json");
        assertThat(run("run", "--config", missing)).isEqualTo(1);
        assertThat(err.toString()).contains("not enrolled");
        assertThat(run("access", "explode", "--config", missing)).isEqualTo(1);
    }

    @Test
    void presentWithoutADisplaySaysSoBeforeAskingForAPassword() {
        int code = run("present", "--meeting", "https://parley.example.org/meeting.html?id=" + JoinLinkTest.ID
                + "#k=" + JoinLinkTest.K, "--email", "presenter@example.org");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("present needs a display").doesNotContain(JoinLinkTest.K);
    }

    @Test
    void presentNeedsAnAccountAndTakesNoPasswordArgument() {
        String link = "https://parley.example.org/meeting.html?id=" + JoinLinkTest.ID;

        assertThat(run("present", "--meeting", link)).isEqualTo(2);
        assertThat(err.toString()).contains("--email");
        assertThat(run("present", "--meeting", link, "--email", "a@example.org", "--password", "secret")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--password'");
    }

    @Test
    void revokeAfterNeedsAllowControl() {
        int code = run("present", "--meeting", "https://parley.example.org/meeting.html?id=" + JoinLinkTest.ID,
                "--email", "a@example.org", "--revoke-after", "5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--revoke-after needs --allow-control");
    }

    @Test
    void allowControlTakesAKeyFingerprintNotAName() {
        int code = run("present", "--meeting", "https://parley.example.org/meeting.html?id=" + JoinLinkTest.ID,
                "--email", "a@example.org", "--allow-control", "Ivan Tester");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-control: a key fingerprint is 16 hex digits")
                .contains("not their name");
    }

    @Test
    void presentWithABadLinkSaysWhatIsWrong() {
        int code = run("present", "--meeting", "https://parley.example.org/index.html?id=" + JoinLinkTest.ID,
                "--email", "a@example.org");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--meeting: a join link opens /meeting.html");
    }

    @Test
    void captureTestWithoutADisplaySaysSo() {
        assertThat(run("capture-test", "--seconds", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("needs a display");
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
