package org.parley.bench;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.parley.ParleyServer;
import org.parley.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar bench/target/parley-bench.jar [--accounts 200] [--sign-in-clients 4] [--sessions 200] [--seconds 10] [--meetings 1000]}. */
@Command(name = "parley-bench", mixinStandardHelpOptions = true,
        description = "Starts Parley in-process on a fresh embedded database in a temp folder and measures it over loopback.")
public final class LoadBench implements Callable<Integer> {
    @Option(names = "--accounts", defaultValue = "200", description = "accounts to create and sign in (default ${DEFAULT-VALUE})")
    int accounts;
    @Option(names = "--sign-in-clients", defaultValue = "4", description = "concurrent sign-in clients (default ${DEFAULT-VALUE})")
    int signInClients;
    @Option(names = "--sessions", defaultValue = "200", description = "concurrent signed-in sessions reading /api/v1/me (default ${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--seconds", defaultValue = "10", description = "measured duration of the /api/v1/me phase (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--meetings", defaultValue = "1000", description = "meetings in one account's calendar for the list phase (default ${DEFAULT-VALUE})")
    int meetings;
    @Option(names = "--meeting-clients", defaultValue = "20", description = "concurrent clients listing that calendar (default ${DEFAULT-VALUE})")
    int meetingClients;
    @Option(names = "--warmup-seconds", defaultValue = "3", description = "unmeasured /api/v1/me load first (default ${DEFAULT-VALUE})")
    int warmupSeconds;
    private final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        // one log line per request would measure the console, not the server
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(new CommandLine(new LoadBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-bench-");
        try (var server = ParleyServer.start(Config.fromEnvironment(Map.of("PARLEY_PORT", "0", "PARLEY_BIND", "127.0.0.1",
                "PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_TRUST_PROXY", "true")))) {
            var client = new BenchClient("http://127.0.0.1:" + server.port());
            System.out.printf("Parley on 127.0.0.1:%d, embedded H2 in %s; %d cores, %s%n", server.port(), dataDir,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            long start = System.nanoTime();
            List<String> emails = BenchAccounts.create(client, server.database().jdbi(), accounts);
            System.out.printf("created %d verified accounts in %.1f s%n", emails.size(), (System.nanoTime() - start) / 1e9);

            List<String> tokens = new CopyOnWriteArrayList<>();
            Row signIns = signIns(client, emails, tokens);
            List<String> active = tokens.subList(0, Math.min(sessions, tokens.size()));
            readMe(client, active, Duration.ofSeconds(warmupSeconds));
            errorKinds.clear();
            Row reads = readMe(client, active, Duration.ofSeconds(seconds));

            BenchMeetings.create(server.database().jdbi(), emails.getFirst(), emails.get(1), meetings);
            List<String> calendar = java.util.Collections.nCopies(meetingClients, tokens.getFirst());
            String upcoming = "/api/v1/meetings?when=upcoming&limit=500";
            readLoop("warm-up", client, upcoming, calendar, Duration.ofSeconds(warmupSeconds));
            errorKinds.clear();
            Row listUpcoming = readLoop("GET meetings, limit=500", client, upcoming, calendar,
                    Duration.ofSeconds(seconds));
            Row listDefault = readLoop("GET meetings, default 100", client, "/api/v1/meetings", calendar,
                    Duration.ofSeconds(seconds));

            System.out.println();
            var rows = List.of(signIns, reads, listUpcoming, listDefault);
            Row.print(rows);
            errorKinds.forEach((kind, n) -> System.out.println("error: " + kind + " ×" + n));
            return rows.stream().mapToLong(r -> r.latencies().errors()).sum() == 0 ? 0 : 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** (a) POST /api/v1/session once per account, by {@code signInClients} clients at once; Argon2id bounds it. */
    private Row signIns(BenchClient client, List<String> emails, List<String> tokens) throws Exception {
        var next = new AtomicInteger();
        return run("POST /api/v1/session", signInClients, recorder -> {
            for (int i; (i = next.getAndIncrement()) < emails.size(); ) {
                long t0 = System.nanoTime();
                try {
                    var response = client.postJson("/api/v1/session",
                            "{\"email\":\"" + emails.get(i) + "\",\"password\":\"" + BenchAccounts.PASSWORD + "\",\"remember\":false}");
                    if (ok(response)) {
                        recorder.ok(System.nanoTime() - t0);
                        tokens.add(BenchClient.sessionToken(response));
                    } else {
                        recorder.error();
                    }
                } catch (IOException e) {
                    failed(recorder, e);
                }
            }
        });
    }

    /** (b) GET /api/v1/me in a loop, one client per signed-in session, for a fixed time. */
    private Row readMe(BenchClient client, List<String> tokens, Duration duration) throws Exception {
        return readLoop("GET /api/v1/me", client, "/api/v1/me", tokens, duration);
    }

    /** One client per token, each reading {@code path} in a loop for a fixed time. */
    private Row readLoop(String phase, BenchClient client, String path, List<String> tokens, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        var next = new AtomicInteger();
        return run(phase, tokens.size(), recorder -> {
            String token = tokens.get(next.getAndIncrement());
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                try {
                    if (ok(client.get(path, token))) {
                        recorder.ok(System.nanoTime() - t0);
                    } else {
                        recorder.error();
                    }
                } catch (IOException e) {
                    failed(recorder, e);
                }
            }
        });
    }

    private interface Worker {
        void run(Latencies recorder) throws Exception;
    }

    /** Runs {@code clients} workers on virtual threads, each with its own recorder, and times the whole phase. */
    private static Row run(String phase, int clients, Worker worker) throws Exception {
        List<Latencies> recorders = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                var recorder = new Latencies();
                recorders.add(recorder);
                done.add(pool.submit(() -> {
                    worker.run(recorder);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        return new Row(phase, clients, Duration.ofNanos(System.nanoTime() - start), Latencies.merge(recorders));
    }

    private boolean ok(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return true;
        }
        errorKinds.computeIfAbsent("HTTP " + response.statusCode() + " " + response.body(), k -> new AtomicInteger()).incrementAndGet();
        return false;
    }

    private void failed(Latencies recorder, IOException e) {
        recorder.error();
        errorKinds.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
