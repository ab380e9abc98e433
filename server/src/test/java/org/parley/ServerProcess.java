package org.parley;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java org.parley.Main} as a child process, as an operator runs it: this JVM's java and
 * class path, a clean environment (no PARLEY_* of ours leaks in), stdout and stderr drained into
 * memory so the child never blocks on a full pipe. Closing it kills the child if it still runs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Parley is running at http://localhost:(\\d+)");
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final List<Thread> drains;

    private ServerProcess(Process process) {
        this.process = process;
        this.drains = List.of(drain(process.getInputStream(), stdout, "stdout"), drain(process.getErrorStream(), stderr, "stderr"));
    }

    public static ServerProcess start(Map<String, String> env) {
        return start(env, List.of());
    }

    /**
     * With the production log configuration (INFO, as an operator runs it) instead of the tests'
     * logback-test.xml that the class path also holds: for tests that read what the server logs.
     */
    public static ServerProcess startWithProductionLogging(Map<String, String> env) {
        return start(env, List.of("-Dlogback.configurationFile=logback.xml"));
    }

    private static ServerProcess start(Map<String, String> env, List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.parley.Main"));
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        try {
            return new ServerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    /** The port from "Parley is running at http://localhost:PORT"; fails with the child's output if it never says so. */
    public int awaitPort(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = RUNNING.matcher(stdout);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + " before it was running\n" + output());
            }
            pause();
        }
        throw new AssertionError("server not running within " + timeout + "\n" + output());
    }

    /** Waits for the child to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server still running after " + timeout + "\n" + output());
            }
            // the pipes close at exit; let the drain threads catch up with the last lines
            for (Thread drain : drains) {
                drain.join(Duration.ofSeconds(5));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no close; what is not on disk now is lost. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the shutdown hook stops the server cleanly. */
    public int terminate() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(20));
    }

    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        return stderr.toString();
    }

    public String output() {
        return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread drain(InputStream stream, StringBuffer into, String name) {
        return Thread.ofPlatform().daemon().name("child-" + name).start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    into.append(line).append('\n');
                }
            } catch (IOException closed) {
                // the child died or we closed the pipe: nothing more to read
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
