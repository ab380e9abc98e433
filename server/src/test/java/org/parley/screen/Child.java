package org.parley.screen;

import org.parley.agent.desktop.Xvfb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM of the test classpath on the Xvfb display (AWT reads {@code DISPLAY} once, at startup, so
 * the test JVM cannot draw itself), its output going to a file the test can wait on.
 */
public final class Child implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private final String name;
    private final Process process;
    private final Path output;

    private Child(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    static Child start(Xvfb xvfb, Map<String, String> env, Class<?> main, String... args) throws IOException {
        Path output = Files.createTempFile("parley-" + main.getSimpleName(), ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "-Djava.awt.headless=false", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Xshare:auto", main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        builder.environment().putAll(env);
        return new Child(main.getSimpleName(), builder.start(), output);
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    List<String> lines() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for an output line that matches; fails with the whole output if none comes or the child ends. */
    String awaitLine(String what, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            for (String line : lines()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(name + (process.isAlive() ? " did not print " : " ended without printing ") + what
                        + "; its output:\n" + String.join("\n", lines()));
            }
            Thread.sleep(20);
        }
    }

    /** Writes {@code line} to its standard input, for a child that takes commands (see {@link Person}). */
    void tell(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Asks it to end (SIGTERM, as Ctrl-C would) and waits; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not end within 20 s of SIGTERM; its output:\n" + String.join("\n", lines()));
        }
        return process.exitValue();
    }

    /** Waits for it to end by itself (not asked to); returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not end within " + DEADLINE + "; its output:\n" + String.join("\n", lines()));
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
