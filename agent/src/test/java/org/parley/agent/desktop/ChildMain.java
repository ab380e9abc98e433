package org.parley.agent.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The child side of {@link ChildJvm}: runs a scenario, collects result lines, writes them and exits
 * (AWT's threads would otherwise keep the JVM alive; a failure exits 1 with the cause on stderr).
 */
public final class ChildMain {
    private final List<String> lines = new ArrayList<>();

    /** A scenario step that may fail. */
    @FunctionalInterface
    public interface Scenario {
        void run(ChildMain child) throws Exception;
    }

    private ChildMain() {
    }

    /** Runs {@code scenario}, writes its lines to {@code resultFile} and exits. */
    public static void run(String resultFile, Scenario scenario) {
        ChildMain child = new ChildMain();
        int status = 0;
        try {
            scenario.run(child);
            Files.write(Path.of(resultFile), child.lines, StandardCharsets.UTF_8);
        } catch (Throwable e) {
            System.err.println("scenario failed after " + child.lines + ": " + e);
            for (StackTraceElement element : e.getStackTrace()) {
                System.err.println("    at " + element);
            }
            status = 1;
        }
        System.exit(status);
    }

    /** Adds a result line. */
    public void say(String line) {
        lines.add(line);
    }

    /** Waits until {@code condition} holds, polling every 20 ms, or fails after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        awaitValue(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Polls {@code probe} until it returns non-null, or fails after {@code timeout}. */
    public static <T> T awaitValue(Duration timeout, String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Writes raw bytes next to the result file (for frames and messages). */
    public static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }
}
