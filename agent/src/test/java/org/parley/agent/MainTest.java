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
        assertThat(out.toString()).contains("present", "capture-test");
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
