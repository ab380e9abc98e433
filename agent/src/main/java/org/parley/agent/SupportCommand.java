package org.parley.agent;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code support <key> --server <url>}: the customer's side of a support session, no account
 * needed. Nothing is shown until the customer allows the technician in a prompt; control is a
 * second prompt; the control bar pauses viewing or ends the session at any moment.
 */
@Command(name = "support", mixinStandardHelpOptions = true,
        description = "Get help from a technician: join the support session your technician's nine-digit key opens.")
final class SupportCommand implements Callable<Integer> {
    static final int FAILED = 1;

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
        try {
            return new SupportJoin(desktop.get(), SupportJoin.httpClient(), fps)
                    .run(base, key.replaceAll("[\\s-]", ""), Optional.ofNullable(name), out, err, Optional.ofNullable(record), () -> { });
        } catch (SupportJoin.NotJoined e) {
            err.println("parley-agent: " + e.getMessage());
            return FAILED;
        }
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
