package org.parley.agent.unattended;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.parley.protocol.access.AccessVerifier;
import org.parley.protocol.json.MalformedJsonException;
import org.parley.protocol.json.StrictJson;

/**
 * The machine's own file: which server, its id and token, and the access password's SRP salt and
 * verifier. The verifier is the one thing that allows checking password guesses offline, so it
 * lives here only — readable by this user alone (0600) — and never goes to the server.
 */
public record MachineFile(URI server, UUID machineId, String token, String name, AccessVerifier verifier) {
    /** $XDG_CONFIG_HOME/parley-agent/machine.json, else ~/.config/parley-agent/machine.json. */
    public static Path defaultPath() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("parley-agent").resolve("machine.json");
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        PrivateFile.write(file, StrictJson.pretty(new Saved(server.toString(), machineId.toString(), token, name,
                verifier.encodedSalt(), verifier.encodedVerifier())));
    }

    /**
     * @throws IOException if it cannot be read or is not a machine file (with a message saying which)
     */
    public static MachineFile load(Path file) throws IOException {
        Saved saved;
        try {
            saved = StrictJson.read(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
        } catch (MalformedJsonException notOurs) {
            throw new IOException(file + " is not a Parley machine file: " + notOurs.getMessage(), notOurs);
        }
        try {
            return new MachineFile(URI.create(need(saved.server(), "server")), UUID.fromString(need(saved.machineId(), "machineId")),
                    need(saved.token(), "token"), need(saved.name(), "name"),
                    AccessVerifier.decode(need(saved.salt(), "salt"), need(saved.verifier(), "verifier")));
        } catch (IllegalArgumentException broken) {
            throw new IOException(file + " is damaged: " + broken.getMessage() + "; enrol this computer again", broken);
        }
    }

    private static String need(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\" is missing");
        }
        return value;
    }

    /** The file, all text fields in this order; fields it does not know are ignored, as they always were. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(String server, String machineId, String token, String name, String salt, String verifier) {
    }

    @Override
    public String toString() {
        return "MachineFile[" + machineId + " \"" + name + "\" on " + server + "]";
    }
}
