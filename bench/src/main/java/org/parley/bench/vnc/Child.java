package org.parley.bench.vnc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A process this tool started: stdout read line by line on a daemon thread, stderr to a log file,
 * its CPU time from /proc/&lt;pid&gt;/stat, and {@link #close()} that ends exactly this process
 * (TERM, then KILL after 5 s).
 */
public final class Child implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final String name;
    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name(name + "-stdout").start(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.offer(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
            lines.offer(EOF);
        });
    }

    public static Child start(String name, List<String> command, Map<String, String> environment) throws IOException {
        Path log = Files.createTempFile("parley-vnc-" + name, ".log");
        var builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        return new Child(name, builder.start(), log);
    }

    public long pid() {
        return process.pid();
    }

    /** The next stdout line, or an exception naming the log if the process ended or stayed silent. */
    public String readLine(long timeoutSeconds) throws IOException, InterruptedException {
        String line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null || line.equals(EOF)) {
            throw new IOException(name + (line == null ? " said nothing for " + timeoutSeconds + " s" : " ended (exit "
                    + exitValue() + ")") + "; its stderr " + log + ": " + tail());
        }
        return line;
    }

    /** The first stdout line starting with {@code prefix}, skipping others. */
    public String await(String prefix, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            String line = readLine(left);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** The stdout lines read and not taken yet (by {@link #readLine} or an earlier call). */
    public List<String> drain() {
        List<String> drained = new java.util.ArrayList<>();
        lines.drainTo(drained);
        if (drained.remove(EOF)) {
            lines.offer(EOF); // later readers still learn that the process ended
        }
        return drained;
    }

    private String exitValue() {
        try {
            return String.valueOf(process.exitValue());
        } catch (IllegalThreadStateException running) {
            return "still running";
        }
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    /** utime + stime of this process in clock ticks (USER_HZ, 100 on Linux x86), 0 once it is gone. */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind
        }
    }
}
