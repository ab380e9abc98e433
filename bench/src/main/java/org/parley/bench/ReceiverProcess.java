package org.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a {@link FanOutReceivers} JVM: same java, same jar, its own heap. Lines it
 * prints arrive on a queue; {@link #close()} kills it if it has not exited by then.
 */
final class ReceiverProcess implements AutoCloseable {
    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** What the receivers measured, parsed from their RESULT line. */
    record Report(long lost, long duplicates, int dropped, long cpuNanos, long wallNanos, String firstClose,
                  LatencyHistogram latencies) {
        static Report parse(String line) {
            String[] f = line.split(" ", 8);
            return new Report(Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), f[6].replace('_', ' '), LatencyHistogram.decode(f[7]));
        }
    }

    ReceiverProcess(String relayUrl, List<String> tokens, Path work, long messages, long firstMeasured, int httpClients,
                    long deadlineSeconds, List<String> jvmOptions, int nice) throws IOException {
        Path tokenFile = Files.write(work.resolve("receiver-tokens.txt"), tokens);
        List<String> command = new ArrayList<>();
        if (nice != 0) {
            // the receivers stand in for a thousand other machines: on this one they yield the CPU to the server
            command.addAll(List.of("nice", "-n", Integer.toString(nice)));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FanOutReceivers.class.getName(), relayUrl,
                tokenFile.toString(), Long.toString(messages), Long.toString(firstMeasured), Integer.toString(httpClients),
                Long.toString(deadlineSeconds)));
        this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("receiver-process-output").start(() -> {
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                lines.add("EXIT " + ended);
            }
            lines.add("EXIT");
        });
    }

    /** Waits for a line starting with {@code prefix}; other lines are passed through to the console. */
    String await(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("EXIT")) {
                throw new IllegalStateException("the receiver process ended before " + prefix + " (exit "
                        + process.waitFor() + ")");
            }
            System.out.println("receivers: " + line);
        }
    }

    void send(String command) {
        commands.println(command);
    }

    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
