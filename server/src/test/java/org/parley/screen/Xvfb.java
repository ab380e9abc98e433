package org.parley.screen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private X server: {@code Xvfb -displayfd 1 -screen 0 1920x1080x24 -nolisten tcp}; Xvfb picks a
 * free display and prints its number once it accepts clients. (The agent's tests have the same
 * class; test sources are not shared between modules.)
 */
final class Xvfb implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/Xvfb");
    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    static Xvfb start() throws Exception {
        Path log = Files.createTempFile("parley-xvfb", ".log");
        Process process = new ProcessBuilder(BINARY.toString(), "-displayfd", "1", "-screen", "0", "1920x1080x24",
                "-nolisten", "tcp").redirectError(log.toFile()).start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String number;
        try {
            number = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not report a display within 15 s; its log: " + Files.readString(log), e);
        }
        if (number == null || !number.strip().matches("\\d+")) {
            process.destroyForcibly();
            throw new IOException("Xvfb did not start; its log: " + Files.readString(log));
        }
        return new Xvfb(process, ":" + number.strip());
    }

    String display() {
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
