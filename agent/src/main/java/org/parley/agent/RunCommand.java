package org.parley.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.agent.http.ServerApi;
import org.parley.agent.unattended.LockoutFile;
import org.parley.agent.unattended.MachineApi;
import org.parley.agent.unattended.MachineFile;
import org.parley.agent.unattended.UnattendedHost;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the unattended service. Waits for the owner's approval, keeps one relay connection
 * open, reconnects after a network loss or a server restart (backing off up to a minute), and
 * stops for good when the owner revokes access. Ctrl-C (or systemd's stop) ends it cleanly.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Keep this enrolled computer reachable for unattended access (what the systemd unit runs).")
final class RunCommand implements Callable<Integer> {
    static final int REVOKED = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "<file>", description = "This computer's settings (default: ~/.config/parley-agent/machine.json).")
    private Path config;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second at most, 1–30 (default ${DEFAULT-VALUE}).")
    private int fps;

    private volatile boolean stopping;

    @Option(names = "--monitor", paramLabel = "<n|all>",
            description = "Which monitor to share: 1, 2, … counted from the left, or all of them as one picture "
                    + "(default: the main one). A viewer allowed to control can switch.")
    private String monitor;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (fps < 1 || fps > 30) {
            err.println("parley-agent: --fps must be 1–30");
            return 2;
        }
        Path machinePath = config != null ? config : MachineFile.defaultPath();
        MachineFile machine;
        try {
            machine = MachineFile.load(machinePath);
        } catch (IOException e) {
            err.println("parley-agent: not enrolled: " + e.getMessage() + " (run: parley-agent enroll --server … --name …)");
            return 1;
        }
        Optional<Desktop> desktop = Desktop.open("run (in the graphical session)", err, Optional.ofNullable(monitor));
        if (desktop.isEmpty()) {
            return 1;
        }
        AgentLog.install();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15)).build();
        var api = new MachineApi(http);
        // kept across reconnects, and in its file across restarts: neither resets it
        var lockout = LockoutFile.beside(machinePath, Clock.systemUTC());
        AtomicReference<UnattendedHost> current = new AtomicReference<>();
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            stopping = true;
            UnattendedHost host = current.get();
            if (host != null) {
                CtrlC.stopAndWait(host::stop, host::awaitEnd);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            // read again for each new connection: "access password" rewrites the file, and its new
            // verifier applies from the next connection on without a restart
            machine = reload(machinePath, machine);
            try {
                var status = api.self(machine).getOrDefault("status", "");
                if (status.equals("revoked")) {
                    say(out, "access to this computer was revoked by its owner; the service stops (enrol again to re-enable)");
                    return REVOKED;
                }
                if (status.equals("pending")) {
                    say(out, "waiting for the owner to approve this computer (pairing code printed by enroll)");
                    Thread.sleep(5_000);
                    continue;
                }
                URI relay = ServerApi.webSocket(machine.server(), "/api/v1/machines/" + machine.machineId() + "/relay");
                var host = new UnattendedHost(machine, api, lockout, desktop.get().capture(), desktop.get().injector(), desktop.get().area(), fps, out);
                current.set(host);
                SessionClient client = SessionClient.connector(relay).header("Authorization", "Bearer " + machine.token())
                        .meetingId(machine.machineId()).httpClient(http).timeout(Duration.ofSeconds(15)).organizerWait(Duration.ZERO).ignoreMedia()
                        .listener(host).connect();
                backoff = Duration.ofSeconds(1);
                host.run(client);
            } catch (MachineApi.Refused refused) {
                if (refused.status() == 401 || refused.status() == 404) {
                    err.println("parley-agent: the server no longer knows this computer (" + refused.getMessage() + "); enrol it again");
                    return REVOKED;
                }
                say(out, "the server refused: " + refused.getMessage());
            } catch (IOException | SessionException e) {
                say(out, "cannot reach " + machine.server() + " (" + e.getMessage() + "); trying again in " + backoff.toSeconds() + " s");
            } catch (RuntimeException bug) {
                // a bug in one connection must not end the service (systemd's restart would be no better)
                AgentLog.warn("the connection failed unexpectedly; trying again in " + backoff.toSeconds() + " s", bug);
            }
            if (!stopping) {
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        return 0;
    }

    /** The machine file as it is now; {@code previous} (logged) if it cannot be read, e.g. removed by hand. */
    private static MachineFile reload(Path file, MachineFile previous) {
        try {
            return MachineFile.load(file);
        } catch (IOException e) {
            AgentLog.warn("cannot read the machine file again (" + e.getMessage() + "); going on with the one read before");
            return previous;
        }
    }

    private static void say(PrintWriter out, String line) {
        AgentLog.info(line);
        out.println(line);
        out.flush();
    }
}
