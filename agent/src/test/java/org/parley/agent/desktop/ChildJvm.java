package org.parley.agent.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} of the test classpath in a new JVM on an Xvfb display and returns what it
 * wrote to its result file, failing with the child's output if it does not end well in time.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Runs {@code main} with the result file's path as first argument; returns the file's lines. */
    public static List<String> run(Xvfb xvfb, Class<?> main, Duration timeout, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), xvfb, main, timeout, args);
    }

    /** As {@link #run(Xvfb, Class, Duration, String...)}, the JVM started through {@code prefix} (e.g. {@code unshare --ipc}). */
    public static List<String> run(List<String> prefix, Xvfb xvfb, Class<?> main, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("parley-child");
        Path result = dir.resolve("result.txt");
        Path log = dir.resolve("output.txt");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), "-Djava.awt.headless=false", "-Dfile.encoding=UTF-8",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", main.getName(), result.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", xvfb.display());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(main.getSimpleName() + " did not finish in " + timeout + "; output:\n"
                    + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(main.getSimpleName() + " exited with " + process.exitValue() + "; output:\n"
                    + Files.readString(log));
        }
        return Files.readAllLines(result, StandardCharsets.UTF_8);
    }

    /** The real test classpath: surefire's own system property, else this JVM's class path. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
