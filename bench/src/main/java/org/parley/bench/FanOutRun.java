package org.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.parley.ParleyServer;
import org.parley.config.Config;

/**
 * One fan-out case from start to end: a fresh server on a fresh H2 in a temp folder, the meeting
 * and sessions, the sender here, the receivers in their own JVM; warm-up, measured window, drain.
 * Everything it opens it closes, and the temp folder goes too.
 */
final class FanOutRun {
    private static final long DRAIN_MILLIS = 10_000;
    private final FanOutCase of;
    private final int httpClients;
    private final List<String> receiverJvmOptions;
    private final int receiverNice;

    FanOutRun(FanOutCase of, int httpClients, List<String> receiverJvmOptions, int receiverNice) {
        this.of = of;
        this.httpClients = httpClients;
        this.receiverJvmOptions = receiverJvmOptions;
        this.receiverNice = receiverNice;
    }

    FanOutResult run() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-fanout-");
        try (var server = ParleyServer.start(Config.fromEnvironment(Map.of("PARLEY_PORT", "0", "PARLEY_BIND", "127.0.0.1",
                "PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_TRUST_PROXY", "true")))) {
            String base = "http://127.0.0.1:" + server.port();
            var emails = BenchAccounts.create(new BenchClient(base), server.database().jdbi(), of.receivers() + 1);
            var meeting = FanOutMeeting.create(server.database().jdbi(), emails);
            URI relay = URI.create(base.replace("http://", "ws://") + "/api/v1/meetings/" + meeting.id() + "/relay");
            try (var sender = new Sender(relay, meeting.senderToken());
                 var receivers = new ReceiverProcess(relay.toString(), meeting.receiverTokens(), dataDir, of.messages(),
                         of.warmupMessages(), httpClients, of.warmupSeconds() + of.seconds() + 300L, receiverJvmOptions,
                         receiverNice)) {
                long joining = System.nanoTime();
                if (receivers.await("READY", 180_000) == null) {
                    throw new IllegalStateException("the receivers did not all join within 180 s");
                }
                System.out.printf("%d receivers joined in %.1f s; warming up %d s, measuring %d s%n", of.receivers(),
                        (System.nanoTime() - joining) / 1e9, of.warmupSeconds(), of.seconds());
                sender.admit(of.receivers());
                sender.send(0, of.warmupMessages(), of.payload(), of.rate());
                receivers.send("MEASURE");
                var measuring = java.time.Instant.now();
                ProcessMeter.Reading server1;
                try (var meter = new ProcessMeter()) {
                    sender.send(of.warmupMessages(), of.messages(), of.payload(), of.rate());
                    if (receivers.await("DONE", DRAIN_MILLIS) == null) {
                        System.out.printf("not every receiver had the last message %d s after it was sent%n", DRAIN_MILLIS / 1000);
                    }
                    server1 = meter.read();
                }
                // for matching a flight recording (-XX:StartFlightRecording) to the measured window
                System.out.println("measured window " + measuring + " … " + java.time.Instant.now());
                receivers.send("STOP");
                String line = receivers.await("RESULT", 60_000);
                if (line == null) {
                    throw new IllegalStateException("the receivers did not report within 60 s");
                }
                var report = ReceiverProcess.Report.parse(line);
                long heapAfterGc = ProcessMeter.heapAfterGc();
                return new FanOutResult(of, of.seconds(), report.latencies(), report.lost(), report.duplicates(), report.dropped(),
                        report.firstClose(), server1.cores(), server1.kernelShare(), report.cpuNanos() / (double) report.wallNanos(),
                        server1.machineLoad(), server1.peakHeap(), heapAfterGc);
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
