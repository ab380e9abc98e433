package org.parley.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.parley.protocol.json.MalformedJsonException;
import org.parley.protocol.json.StrictJson;

/**
 * What the agent sends to and reads from the server's API: bodies are flat objects of text fields,
 * answers are read as their text fields ({@code technician.name} for a nested one), and relays are
 * reached over the WebSocket scheme that matches the server's.
 */
public final class ServerApi {
    private ServerApi() {
    }

    /** A JSON object of the given fields, in their order: whole numbers as numbers, the rest as text. */
    public static String object(Map<String, ?> fields) {
        ObjectNode json = StrictJson.newObject();
        fields.forEach((name, value) -> {
            if (value instanceof Integer number) {
                json.put(name, number);
            } else {
                json.put(name, String.valueOf(value));
            }
        });
        return StrictJson.text(json);
    }

    /**
     * The answer's text fields, and those of an object in it as {@code object.field}; empty when it is
     * not a JSON object (a proxy's error page, say) or StrictJson refuses it. Other values are skipped:
     * the caller says which fields it needs.
     */
    public static Map<String, String> fields(String body) {
        var fields = new HashMap<String, String>();
        JsonNode json;
        try {
            json = StrictJson.tree(body);
        } catch (MalformedJsonException notJson) {
            return fields;
        }
        for (var field : json.properties()) {
            if (field.getValue().isTextual()) {
                fields.put(field.getKey(), field.getValue().textValue());
            }
            for (var inner : field.getValue().properties()) {
                if (inner.getValue().isTextual()) {
                    fields.put(field.getKey() + "." + inner.getKey(), inner.getValue().textValue());
                }
            }
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
