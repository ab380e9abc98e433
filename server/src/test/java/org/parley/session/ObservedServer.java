package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.ApiClient;
import org.parley.ServerProcess;
import org.parley.TestServer;

/**
 * The server as an operator runs it — its own process, production logging, a fresh data folder —
 * reachable only through a {@link RecordingProxy}, so that every byte it received and sent,
 * everything it logged, its database and its heap can be searched afterwards.
 */
public final class ObservedServer implements AutoCloseable {
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    private final Path dataDir;
    private final ServerProcess process;
    private final RecordingProxy proxy;

    private ObservedServer(Path dataDir, ServerProcess process, RecordingProxy proxy) {
        this.dataDir = dataDir;
        this.process = process;
        this.proxy = proxy;
    }

    public static ObservedServer start(Path dataDir) {
        var process = ServerProcess.startWithProductionLogging(Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", dataDir.toString()));
        try {
            return new ObservedServer(dataDir, process, new RecordingProxy(process.awaitPort(START_WITHIN)));
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** The proxy's URL: the only way in. */
    public String baseUrl() {
        return "http://127.0.0.1:" + proxy.port();
    }

    /** A new account "{firstName} Tester", verified through its mailed token and signed in, all through the proxy. */
    public ApiClient signedUp(String firstName, String email) {
        var client = new ApiClient(baseUrl());
        assertThat(client.post("/api/v1/accounts", Map.of("firstName", firstName, "lastName", "Tester", "email", email,
                "password", Accounts.PASSWORD)).status()).isEqualTo(201);
        String link = TestServer.link(new MailFolder(dataDir.resolve("outbox")).await(email, "Confirm your email"), "/verify.html");
        String token = URI.create(link).getQuery().replaceFirst("^.*token=", "");
        assertThat(client.post("/api/v1/accounts/verify", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(client.signIn(email, Accounts.PASSWORD).status()).isEqualTo(200);
        return client;
    }

    /** A dump of the running server's heap, as text to search. */
    public String heap(Path dumps) throws IOException, InterruptedException {
        Path dump = dumps.resolve("server.hprof");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        // -all: unreachable objects too, so a plaintext the server made and dropped is still found
        var jcmdRun = new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.heap_dump", "-all", dump.toString())
                .redirectErrorStream(true).start();
        String said = new String(jcmdRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmdRun.waitFor(30, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        assertThat(jcmdRun.exitValue()).as("jcmd: " + said).isZero();
        assertThat(dump).as("jcmd: " + said).exists();
        return Needles.bytesAsText(Files.readAllBytes(dump));
    }

    /** Stops the server with SIGTERM (the shutdown hook closes the database cleanly) and collects what it kept. */
    public Traces stop(String heap) {
        process.terminate();
        return new Traces(heap, Traffic.of(proxy.connections()), process.output(), DatabaseDump.of(dataDir));
    }

    @Override
    public void close() {
        proxy.close();
        process.close();
    }
}
