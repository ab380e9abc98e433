package org.parley.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.parley.agent.unattended.MachineApi;
import org.parley.agent.unattended.MachineFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code access pause|resume|revoke|status}: the owner, at this computer, pauses or ends unattended access. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Pause (until a time), resume or revoke unattended access from this computer, change its access password, "
                + "or show its status.")
final class AccessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pause|resume|revoke|password|status>",
            description = "What to do: pause or resume access, revoke it for good, change the access password, or show the status.")
    private String action;

    @Option(names = "--until", paramLabel = "<time>", description = "With pause: until when, e.g. 2026-11-25T08:00:00Z (default: 1 hour).")
    private String until;

    @Option(names = "--config", paramLabel = "<file>", description = "This computer's settings (default: ~/.config/parley-agent/machine.json).")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            MachineFile machine = MachineFile.load(config != null ? config : MachineFile.defaultPath());
            var api = new MachineApi(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15)).build());
            var result = switch (action) {
                case "pause" -> api.access(machine, "paused", pauseUntil().toString());
                case "resume" -> api.access(machine, "enabled", null);
                case "revoke" -> api.access(machine, "revoked", null);
                case "status" -> api.self(machine);
                case "password" -> {
                    yield changePassword(machine, config != null ? config : MachineFile.defaultPath(), err, out) ? api.self(machine) : null;
                }
                default -> {
                    err.println("parley-agent: say pause, resume, revoke, password or status");
                    yield null;
                }
            };
            if (result == null) {
                return 2;
            }
            String status = result.getOrDefault("status", "?");
            out.println("\"" + machine.name() + "\": " + status
                    + (result.get("pausedUntil") != null ? " until " + result.get("pausedUntil") : ""));
            out.flush();
            return 0;
        } catch (DateTimeParseException e) {
            err.println("parley-agent: --until must be a time like 2026-11-25T08:00:00Z");
            return 2;
        } catch (MachineApi.Refused refused) {
            err.println("parley-agent: " + refused.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("parley-agent: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A new access password, checked and turned into a new verifier here; the server is not involved
     * (it never had the old one either). A running service reads the file again for each new relay
     * connection, so its current connection goes on with the old password.
     */
    private static boolean changePassword(MachineFile machine, Path file, PrintWriter err, PrintWriter out) throws IOException {
        var password = AccessPasswordInput.read(err);
        if (password.isEmpty()) {
            return false;
        }
        var verifier = org.parley.protocol.access.AccessVerifier.generate(machine.machineId(), password.get(),
                new java.security.SecureRandom());
        new MachineFile(machine.server(), machine.machineId(), machine.token(), machine.name(), verifier).save(file);
        out.println("The access password was changed. A running service uses it from its next connection to the server; "
                + "to use it at once, restart the service: systemctl --user restart parley-agent");
        return true;
    }

    private Instant pauseUntil() {
        return until == null ? Instant.now().plus(Duration.ofHours(1)) : Instant.parse(until);
    }
}
