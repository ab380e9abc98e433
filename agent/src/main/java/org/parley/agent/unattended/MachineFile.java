package org.parley.agent.unattended;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.parley.protocol.access.AccessVerifier;

/**
 * The machine's own file: which server, its id and token, and the access password's SRP salt and
 * verifier. The verifier is the one thing that allows checking password guesses offline, so it
 * lives here only — readable by this user alone (0600) — and never goes to the server.
 */
public record MachineFile(URI server, UUID machineId, String token, String name, AccessVerifier verifier) {
    private static final JsonFactory JSON = new JsonFactory();

    /** $XDG_CONFIG_HOME/parley-agent/machine.json, else ~/.config/parley-agent/machine.json. */
    public static Path defaultPath() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("parley-agent").resolve("machine.json");
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("server", server.toString());
            json.writeStringField("machineId", machineId.toString());
            json.writeStringField("token", token);
            json.writeStringField("name", name);
            json.writeStringField("salt", verifier.encodedSalt());
            json.writeStringField("verifier", verifier.encodedVerifier());
            json.writeEndObject();
        }
        PrivateFile.write(file, text.toString());
    }

    /**
     * @throws IOException if it cannot be read or is not a machine file (with a message saying which)
     */
    public static MachineFile load(Path file) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + " is not a Parley machine file");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                fields.put(field, parser.getValueAsString());
            }
        }
        try {
            return new MachineFile(URI.create(need(fields, "server")), UUID.fromString(need(fields, "machineId")), need(fields, "token"),
                    need(fields, "name"), AccessVerifier.decode(need(fields, "salt"), need(fields, "verifier")));
        } catch (IllegalArgumentException broken) {
            throw new IOException(file + " is damaged: " + broken.getMessage() + "; enrol this computer again", broken);
        }
    }

    private static String need(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("\"" + name + "\" is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "MachineFile[" + machineId + " \"" + name + "\" on " + server + "]";
    }
}
