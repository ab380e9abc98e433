package org.parley.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.agent.support.AssistedSession;
import org.parley.agent.support.SupportTicket;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code support <key> --server <url>}: the customer's side of a support session, no account
 * needed. Nothing is shown until the customer allows the technician in a prompt; control is a
 * second prompt; the control bar pauses viewing or ends the session at any moment. When it ends the
 * customer gets the session's record ({@link RecordShown}).
 */
@Command(name = "support", mixinStandardHelpOptions = true,
        description = "Get help from a technician: join the support session your technician's nine-digit key opens.")
final class SupportCommand implements Callable<Integer> {
    static final int FAILED = 1;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<support key>", description = "The nine digits your technician gave you.")
    private String key;

    @Option(names = "--server", required = true, paramLabel = "<url>",
            description = "Your technician's Parley server, e.g. https://parley.example.org")
    private String server;

    @Option(names = "--name", paramLabel = "<your name>", description = "How the technician sees you (optional).")
    private String name;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second at most, 1–30 (default ${DEFAULT-VALUE}).")
    private int fps;

    @Option(names = "--monitor", paramLabel = "<n|all>",
            description = "Which monitor to share: 1, 2, … counted from the left, or all of them as one picture "
                    + "(default: the main one). A viewer allowed to control can switch.")
    private String monitor;

    @Option(names = "--record", paramLabel = "<file>",
            description = "When the session ends, also save its record (who viewed, who controlled and when, what was refused) "
                    + "to this file, readable by you only. The record is always printed here and never sent anywhere.")
    private Path record;

    @Override
    public Integer call() throws Exception {
        URI base = validated();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Desktop> desktop = Desktop.open("support", err, Optional.ofNullable(monitor));
        if (desktop.isEmpty()) {
            return FAILED;
        }
        AgentLog.install();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        SupportTicket ticket;
        try {
            ticket = SupportTicket.redeem(http, base, key.replaceAll("[\\s-]", ""), Optional.ofNullable(name));
        } catch (SupportTicket.Refused refused) {
            err.println("parley-agent: " + refused.getMessage());
            AgentLog.warn("support key refused: " + refused.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("parley-agent: cannot reach " + base + ": " + e.getMessage());
            return FAILED;
        }
        // the ticket opens the relay again after a lost connection, for as long as the session lasts
        AssistedSession.Connector connector = listener -> SessionClient.connector(ticket.relay()).meetingId(ticket.sessionId())
                .httpClient(http).timeout(TIMEOUT).ignoreMedia().listener(listener).connect(); // it plays no voice: the technician's is not opened
        var session = new AssistedSession(ticket, connector, fps, desktop.get().capture(), desktop.get().injector(), desktop.get().area(), out);
        SessionClient client;
        try {
            client = session.connect();
        } catch (SessionException e) {
            err.println("parley-agent: " + e.getMessage());
            return FAILED;
        }
        SessionClient joined = client;
        var shown = new RecordShown(session.record(), out, err);
        // Ctrl-C waits for the record to be printed and saved too, not only for the session to end
        int status = CtrlC.around(session::stop, timeout -> session.awaitEnd(timeout) && shown.awaitKept(timeout),
                () -> session.run(joined));
        shown.show(Optional.ofNullable(record));
        return status;
    }

    private URI validated() {
        if (!key.replaceAll("[\\s-]", "").matches("\\d{9}")) {
            throw new ParameterException(spec.commandLine(), "a support key is nine digits, e.g. 123 456 789");
        }
        if (fps < 1 || fps > 30) {
            throw new ParameterException(spec.commandLine(), "--fps must be 1–30, got " + fps);
        }
        return ServerAddress.parse(spec, server);
    }
}
