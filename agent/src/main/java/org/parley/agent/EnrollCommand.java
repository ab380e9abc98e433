package org.parley.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.agent.unattended.MachineApi;
import org.parley.agent.unattended.MachineFile;
import org.parley.protocol.access.AccessVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code enroll --server <url> --name <computer>}: prepares this computer for unattended access.
 * The access password is typed here (or given in {@code PARLEY_ACCESS_PASSWORD} for scripted
 * installs), checked for strength here, and turned into an SRP verifier that stays in this
 * computer's file: the server never sees the password or anything to test guesses against.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Set this computer up for unattended access: choose its access password, then approve it from your account.")
final class EnrollCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "<url>", description = "Your Parley server, e.g. https://parley.example.org")
    private String server;

    @Option(names = "--name", required = true, paramLabel = "<computer name>", description = "How this computer is listed, e.g. \"Office PC\".")
    private String name;

    @Option(names = "--config", paramLabel = "<file>", description = "Where to keep this computer's settings (default: ~/.config/parley-agent/machine.json).")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        URI base = ServerAddress.parse(spec, server);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            err.println("parley-agent: --name must be 1–100 characters");
            return 2;
        }
        Path file = config != null ? config : MachineFile.defaultPath();
        if (Files.exists(file)) {
            err.println("parley-agent: this computer is already enrolled (" + file + "); remove that file to enrol it again");
            return 1;
        }
        Optional<String> password = AccessPasswordInput.read(err);
        if (password.isEmpty()) {
            return 2;
        }
        try {
            var enrolled = new MachineApi(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15)).build()).enrol(base, trimmed);
            var verifier = AccessVerifier.generate(enrolled.id(), password.get(), new SecureRandom());
            new MachineFile(base, enrolled.id(), enrolled.token(), trimmed, verifier).save(file);
            out.println("Enrolled \"" + trimmed + "\". To finish, sign in to Parley as this computer's owner and approve it:");
            out.println("  " + enrolled.approveUrl());
            out.println("  pairing code: " + enrolled.pairingCode() + " (valid for 30 minutes)");
            out.println("Then start the service: java -jar parley-agent.jar run   (or the systemd unit in agent/dist)");
            out.flush();
            return 0;
        } catch (MachineApi.Refused refused) {
            err.println("parley-agent: the server refused the enrolment: " + refused.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("parley-agent: cannot enrol: " + e.getMessage());
            return 1;
        }
    }
}
