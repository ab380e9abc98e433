package org.parley.agent.unattended;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.parley.agent.AgentLog;
import org.parley.protocol.access.AccessLockout;
import org.parley.protocol.json.MalformedJsonException;
import org.parley.protocol.json.StrictJson;

/**
 * The machine's {@link AccessLockout}, kept in {@value #NAME} beside the machine file (readable by
 * this user alone, 0600, and replaced whole), so that a restart of the service — systemd's after a
 * crash, or a reboot — does not give a password guesser fresh attempts. {@link #save} after every
 * counted wrong password. The file holds times only, nothing secret.
 */
public final class LockoutFile {
    static final String NAME = "access-lockout.json";
    private final Path file;
    private final AccessLockout lockout;

    private LockoutFile(Path file, AccessLockout lockout) {
        this.file = file;
        this.lockout = lockout;
    }

    /**
     * The lockout of the machine whose machine file is {@code machineFile}, as its file left it; a
     * fresh one if there is no file yet, or (logged) if it cannot be read.
     */
    public static LockoutFile beside(Path machineFile, Clock clock) {
        Path file = machineFile.toAbsolutePath().resolveSibling(NAME);
        AccessLockout lockout;
        try {
            lockout = new AccessLockout(clock, read(file));
        } catch (NoSuchFileException none) {
            lockout = new AccessLockout(clock);
        } catch (IOException | RuntimeException unreadable) {
            AgentLog.warn("cannot read the access lockout in " + file + " (" + unreadable.getMessage()
                    + "); earlier wrong access passwords are not counted");
            lockout = new AccessLockout(clock);
        }
        return new LockoutFile(file, lockout);
    }

    /** The lockout to give every handshake; {@link #save} it when it counted a failure. */
    public AccessLockout lockout() {
        return lockout;
    }

    /** Where it is kept. */
    public Path path() {
        return file;
    }

    /** Writes the lockout's state now (temporary file, then moved over the old one: never half written). */
    public synchronized void save() throws IOException {
        AccessLockout.State state = lockout.state();
        var saved = new Saved(state.failures().stream().map(Instant::toString).toList(),
                state.lockedUntil() == null ? null : state.lockedUntil().toString());
        Files.createDirectories(file.getParent());
        PrivateFile.write(file, StrictJson.pretty(saved));
    }

    static AccessLockout.State read(Path file) throws IOException {
        Saved saved;
        try {
            saved = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
        } catch (MalformedJsonException damaged) {
            throw new IOException("not a lockout file: " + damaged.getMessage(), damaged);
        }
        try {
            return new AccessLockout.State(saved.failures().stream().map(Instant::parse).toList(),
                    saved.lockedUntil() == null ? null : Instant.parse(saved.lockedUntil()));
        } catch (DateTimeParseException damaged) {
            throw new IOException("a time in it is damaged: " + damaged.getParsedString(), damaged);
        }
    }

    /**
     * The file: {@code {"failures":[instant…],"lockedUntil":instant}}, ISO-8601 texts, no lock no
     * {@code lockedUntil}. Fields it does not know are ignored, as they always were, so a file a later
     * version wrote still counts its failures.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Saved(List<String> failures, String lockedUntil) {
        Saved {
            failures = failures == null ? List.of() : failures;
            if (failures.contains(null)) {
                throw new IllegalArgumentException("a failure time is null");
            }
        }
    }
}
