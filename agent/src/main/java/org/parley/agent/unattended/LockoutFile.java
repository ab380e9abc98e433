package org.parley.agent.unattended;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.parley.agent.AgentLog;
import org.parley.protocol.access.AccessLockout;

/**
 * The machine's {@link AccessLockout}, kept in {@value #NAME} beside the machine file (readable by
 * this user alone, 0600, and replaced whole), so that a restart of the service — systemd's after a
 * crash, or a reboot — does not give a password guesser fresh attempts. {@link #save} after every
 * counted wrong password. The file holds times only, nothing secret.
 */
public final class LockoutFile {
    static final String NAME = "access-lockout.json";
    private static final JsonFactory JSON = new JsonFactory();
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
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeArrayFieldStart("failures");
            for (Instant failure : state.failures()) {
                json.writeString(failure.toString());
            }
            json.writeEndArray();
            if (state.lockedUntil() != null) {
                json.writeStringField("lockedUntil", state.lockedUntil().toString());
            }
            json.writeEndObject();
        }
        Files.createDirectories(file.getParent());
        PrivateFile.write(file, text.toString());
    }

    static AccessLockout.State read(Path file) throws IOException {
        List<Instant> failures = new ArrayList<>();
        Instant lockedUntil = null;
        try (JsonParser parser = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a lockout file");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("failures") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        failures.add(Instant.parse(parser.getText()));
                    }
                } else if (field.equals("lockedUntil") && value == JsonToken.VALUE_STRING) {
                    lockedUntil = Instant.parse(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (DateTimeParseException damaged) {
            throw new IOException("a time in it is damaged: " + damaged.getParsedString(), damaged);
        }
        return new AccessLockout.State(failures, lockedUntil);
    }
}
