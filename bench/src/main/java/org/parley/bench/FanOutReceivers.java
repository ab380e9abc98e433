package org.parley.bench;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the fan-out benchmark, in its own JVM so that its CPU (a thousand JDK
 * WebSockets decoding 500 MB/s) is not counted as the server's. Started by {@link FanOutBench};
 * talks to it over stdin/stdout: prints {@code READY}, waits for {@code MEASURE}, prints
 * {@code DONE} once every receiver has the last message or left, waits for {@code STOP}, prints one
 * {@code RESULT} line and exits. It exits by itself too, if the parent goes away or never says STOP.
 *
 * <p>Arguments: relay URL, tokens file (one session token per line), messages in all, first
 * measured sequence number, HTTP clients to spread the sockets over, hard deadline in seconds.
 */
public final class FanOutReceivers {
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private FanOutReceivers() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        URI relay = URI.create(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        long messages = Long.parseLong(args[2]);
        long firstMeasured = Long.parseLong(args[3]);
        int httpClients = Integer.parseInt(args[4]);
        long deadlineSeconds = Long.parseLong(args[5]);
        Thread.ofPlatform().daemon().start(() -> {
            sleep(TimeUnit.SECONDS.toMillis(deadlineSeconds));
            System.err.println("fan-out receivers: no STOP within " + deadlineSeconds + " s, exiting");
            Runtime.getRuntime().halt(3);
        });
        var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < httpClients; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
        }
        List<Receiver> receivers = new ArrayList<>();
        List<WebSocket> sockets = connect(relay, tokens, clients, receivers, messages, firstMeasured);
        System.out.println("READY " + sockets.size());
        expect(commands, "MEASURE");
        long cpu0 = cpuNanos();
        long wall0 = System.nanoTime();
        CompletableFuture.allOf(receivers.stream().map(r -> r.complete).toArray(CompletableFuture[]::new))
                .thenRun(() -> System.out.println("DONE"));
        expect(commands, "STOP");
        long cpu = cpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        sockets.forEach(WebSocket::abort);
        System.out.println(result(receivers, cpu, wall));
        System.out.flush();
        System.exit(0);
    }

    /** Opens and joins every receiver, at most 64 handshakes at a time. */
    private static List<WebSocket> connect(URI relay, List<String> tokens, List<HttpClient> clients, List<Receiver> receivers,
                                           long messages, long firstMeasured) throws InterruptedException {
        var inFlight = new Semaphore(64);
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        var random = new SecureRandom();
        for (int i = 0; i < tokens.size(); i++) {
            var receiver = new Receiver(firstMeasured, messages);
            receivers.add(receiver);
            byte[] publicKey = new byte[32];
            random.nextBytes(publicKey);
            ByteBuffer join = CODEC.encode(Envelope.of(MessageType.JOIN, 0, 0, ("{\"publicKey\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey) + "\"}").getBytes(StandardCharsets.UTF_8)));
            inFlight.acquire();
            opening.add(clients.get(i % clients.size()).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .header("Cookie", "parley_session=" + tokens.get(i)).buildAsync(relay, receiver)
                    .thenCompose(socket -> socket.sendBinary(join, true))
                    .thenCompose(socket -> receiver.joined.thenApply(joined -> socket))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((socket, failure) -> inFlight.release()));
        }
        return opening.stream().map(CompletableFuture::join).toList();
    }

    private static String result(List<Receiver> receivers, long cpuNanos, long wallNanos) {
        var all = new LatencyHistogram();
        long lost = 0;
        long duplicates = 0;
        int dropped = 0;
        String firstClose = "-";
        for (Receiver r : receivers) {
            r.addTo(all);
            lost += r.lost();
            duplicates += r.duplicates();
            if (r.dropped()) {
                if (dropped++ == 0) {
                    firstClose = (r.closeCode() + " " + r.closeReason()).replace(' ', '_');
                }
            }
        }
        return String.format(Locale.ROOT, "RESULT %d %d %d %d %d %s %s", lost, duplicates, dropped, cpuNanos, wallNanos,
                firstClose, all.encode());
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void expect(BufferedReader commands, String command) throws java.io.IOException {
        String line = commands.readLine();
        if (line == null) {
            System.err.println("fan-out receivers: parent went away, exiting");
            Runtime.getRuntime().halt(2);
        }
        if (!command.equals(line.trim())) {
            throw new IllegalStateException("expected " + command + ", got " + line);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
