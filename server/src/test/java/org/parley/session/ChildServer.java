package org.parley.session;

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
 * {@code java org.parley.Main} as a child process with this JVM's class path, its output kept in
 * memory and the production log configuration — as {@code org.parley.ServerProcess} does for the durability test (package-private there,
 * so this package has its own few lines).
 */
final class ChildServer implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Parley is running at http://localhost:(\\d+)");
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final List<Thread> drains;

    private ChildServer(Process process) {
        this.process = process;
        this.drains = List.of(drain(process.getInputStream()), drain(process.getErrorStream()));
    }

    static ChildServer start(Map<String, String> env) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // the production logging (INFO), not the tests' logback-test.xml that the class path also holds
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), "org.parley.Main"));
        var builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        try {
            return new ChildServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java, e);
        }
    }

    long pid() {
        return process.pid();
    }

    int awaitPort(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = RUNNING.matcher(output);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + "\n" + output);
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS); // returns at once if the child dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("server not running within " + timeout + "\n" + output);
    }

    /** SIGTERM, then waits for the exit and the last lines of output. */
    int terminate() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("server still running 20 s after SIGTERM\n" + output);
            }
            for (Thread drain : drains) {
                drain.join(Duration.ofSeconds(5));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything the child wrote to stdout and stderr so far. */
    String output() {
        return output.toString();
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

    private Thread drain(InputStream stream) {
        return Thread.ofPlatform().daemon().name("child-output").start(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (IOException closed) {
                // the child ended: nothing more to read
            }
        });
    }
}
