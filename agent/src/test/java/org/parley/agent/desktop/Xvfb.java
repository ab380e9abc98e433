package org.parley.agent.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private X server for desktop tests: {@code Xvfb -displayfd 1 -screen 0 1920x1080x24 -nolisten tcp}.
 * {@code -displayfd} makes Xvfb pick the first free display number itself and print it once it is
 * ready to accept clients, so there is no race with other engineers' displays and no polling.
 */
public final class Xvfb implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/Xvfb");
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Why desktop tests cannot run here, if they cannot. */
    public static Optional<String> unavailable() {
        return Files.isExecutable(BINARY) ? Optional.empty()
                : Optional.of(BINARY + " is missing (apt-get install -y xvfb): desktop tests skipped");
    }

    public static Xvfb start() throws IOException, InterruptedException {
        return start(new String[0]);
    }

    /** A server with more arguments, e.g. {@code -extension MIT-SHM} to switch an extension off. */
    public static Xvfb start(String... extraArguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile("parley-xvfb", ".log");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-displayfd", "1", "-screen", "0",
                WIDTH + "x" + HEIGHT + "x24", "-nolisten", "tcp"));
        command.addAll(List.of(extraArguments));
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        try {
            String number = CompletableFuture.supplyAsync(() -> readLine(reader)).get(15, TimeUnit.SECONDS);
            if (number == null || !number.strip().matches("\\d+")) {
                throw new IOException("Xvfb did not start; its log " + log + ": " + Files.readString(log));
            }
            return new Xvfb(process, ":" + number.strip());
        } catch (ExecutionException | TimeoutException | IOException e) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not report a display within 15 s; its log: " + Files.readString(log), e);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The value for {@code DISPLAY}, e.g. {@code :3}. */
    public String display() {
        return display;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
