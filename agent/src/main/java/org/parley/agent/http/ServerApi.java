package org.parley.agent.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * What the agent sends to and reads from the server's API: bodies are flat objects of text fields,
 * answers are read as their text fields ({@code technician.name} for a nested one), and relays are
 * reached over the WebSocket scheme that matches the server's.
 */
public final class ServerApi {
    private static final JsonFactory JSON = new JsonFactory();

    private ServerApi() {
    }

    /** A JSON object of the given fields, in their order: whole numbers as numbers, the rest as text. */
    public static String object(Map<String, ?> fields) {
        var text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (var field : fields.entrySet()) {
                if (field.getValue() instanceof Integer number) {
                    json.writeNumberField(field.getKey(), number);
                } else {
                    json.writeStringField(field.getKey(), String.valueOf(field.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return text.toString();
    }

    /** The answer's text fields; empty when it is not a JSON object. */
    public static Map<String, String> fields(String body) throws IOException {
        var fields = new HashMap<String, String>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            String prefix = "";
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    prefix = parser.currentName() + ".";
                } else if (token == JsonToken.END_OBJECT) {
                    prefix = "";
                } else if (token == JsonToken.VALUE_STRING) {
                    fields.put(prefix + parser.currentName(), parser.getText());
                }
            }
        } catch (JsonParseException notJson) {
            return fields;
        }
        return fields;
    }

    /**
     * {@code path} (absolute, may carry a query) on {@code server} — which may itself sit under a
     * path, e.g. {@code https://example.org/parley} — as a ws: or wss: address.
     */
    public static URI webSocket(URI server, String path) {
        String base = server.getRawPath() == null ? "" : server.getRawPath();
        return URI.create((server.getScheme().equals("https") ? "wss://" : "ws://") + server.getRawAuthority() + base + path);
    }
}
