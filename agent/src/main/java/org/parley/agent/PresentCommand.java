package org.parley.agent;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.agent.present.Presentation;
import org.parley.agent.present.SignIn;
import org.parley.agent.present.SignInRefusedException;
import org.parley.protocol.client.Connector;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionException;
import org.parley.protocol.keys.KeyFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code present --meeting <join link> --email <address>}: signs in, joins the meeting's session and
 * shares this screen until Stop, Ctrl-C or the end of the session. The password comes from
 * {@value #PASSWORD_VARIABLE} or the console (without echo), never from an argument: arguments are
 * visible to every user of the machine in the process list.
 */
@Command(name = "present", mixinStandardHelpOptions = true, description = "Share this screen in a meeting and, if you allow it, let one participant control it.")
final class PresentCommand implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "PARLEY_AGENT_PASSWORD";
    static final int FAILED = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Spec
    private CommandSpec spec;

    @Option(names = "--meeting", required = true, paramLabel = "<join link>",
            description = "The meeting's join link, e.g. https://parley.example.org/meeting.html?id=…#k=…")
    private String meeting;

    @Option(names = "--email", required = true, paramLabel = "<address>",
            description = "Your Parley account; the password is read from the console or from " + PASSWORD_VARIABLE + ".")
    private String email;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second at most, 1–30 (default ${DEFAULT-VALUE}).")
    private int fps;

    @Option(names = "--allow-control", paramLabel = "<key fingerprint>",
            description = "Give control of this desktop to the participant whose key has this fingerprint "
                    + "(16 hex digits, e.g. \"3f2a 9c01 77d4 e5b0\": they read it from \"Your key\" on their meeting page) "
                    + "once they hold the session key. A name is not accepted: the server could give it to anyone.")
    private String allowControl;

    @Option(names = "--revoke-after", paramLabel = "<seconds>",
            description = "Take control back this many seconds after granting it (with --allow-control).")
    private Integer revokeAfter;

    @Option(names = "--monitor", paramLabel = "<n|all>",
            description = "Which monitor to share: 1, 2, … counted from the left, or all of them as one picture "
                    + "(default: the main one). A viewer allowed to control can switch.")
    private String monitor;

    @Override
    public Integer call() throws Exception {
        JoinLink link = link();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Desktop> desktop = Desktop.open("present", err, Optional.ofNullable(monitor));
        if (desktop.isEmpty()) {
            return FAILED;
        }
        Optional<char[]> password = password();
        if (password.isEmpty()) {
            err.println("parley-agent: no password: run in a terminal, or set " + PASSWORD_VARIABLE);
            return FAILED;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        var presentation = new Presentation(new Presentation.Settings(fps, controller(),
                Optional.ofNullable(revokeAfter).map(Duration::ofSeconds)), desktop.get().capture(), desktop.get().injector(),
                desktop.get().area(), out);
        SessionClient client;
        try {
            String session = SignIn.session(http, link.server(), email, password.get());
            out.println("Signed in to " + link.server() + " as " + email + "; joining meeting " + link.meetingId());
            out.flush();
            Connector connector = SessionClient.connector(link.relay()).header("Cookie", "parley_session=" + session)
                    .httpClient(http).timeout(TIMEOUT).ignoreMedia().listener(presentation); // it presents; voices and cameras are not opened
            link.secret().ifPresent(connector::invitation);
            client = connector.connect();
        } catch (SignInRefusedException | SessionException e) {
            err.println("parley-agent: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("parley-agent: cannot reach " + link.server() + ": " + e);
            return FAILED;
        }
        SessionClient joined = client;
        return CtrlC.around(presentation::stop, presentation::awaitEnd, () -> presentation.run(joined));
    }

    private JoinLink link() {
        if (fps < 1 || fps > 30) {
            throw new ParameterException(spec.commandLine(), "--fps must be 1–30, got " + fps);
        }
        if (revokeAfter != null && (allowControl == null || revokeAfter < 1)) {
            throw new ParameterException(spec.commandLine(), "--revoke-after needs --allow-control and at least 1 second");
        }
        controller(); // refused before anything opens
        try {
            return JoinLink.parse(meeting);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--meeting: " + e.getMessage());
        }
    }

    /** {@code --allow-control} as a fingerprint; anything else (a name) is refused as a bad argument. */
    private Optional<KeyFingerprint> controller() {
        if (allowControl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFingerprint.parse(allowControl));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--allow-control: " + e.getMessage()
                    + " (the participant's key, not their name), got \"" + allowControl + "\"");
        }
    }

    private Optional<char[]> password() {
        String variable = System.getenv(PASSWORD_VARIABLE);
        if (variable != null && !variable.isEmpty()) {
            return Optional.of(variable.toCharArray());
        }
        Console console = System.console();
        return console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("Password for %s: ", email));
    }
}
