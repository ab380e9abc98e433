package org.parley.agent.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.parley.protocol.json.StrictJson;

/**
 * Reads a 0x11 body (protocol README §9: one flat UTF-8 JSON object) into a validated
 * {@link InputEvent}, or refuses it: unknown type, missing or mistyped field, coordinates outside the
 * screen, unknown key code, text over {@value #MAX_TEXT} characters, control characters, unpaired
 * surrogates. Fields we do not know are ignored, so later versions may add some. Refusal messages
 * never quote the text of an event: it may be a password.
 */
public final class InputEventParser {
    /** Longest {@code text} event, in UTF-16 characters. */
    public static final int MAX_TEXT = 1_000;
    /** Longest {@code clipboard} event, in UTF-16 characters. */
    public static final int MAX_CLIPBOARD = 100_000;
    /** Largest wheel turn in one event, in notches either way. */
    public static final int MAX_NOTCHES = 50;

    /**
     * The shared strict reader's factory (duplicate keys refused), tightened to a flat object whose
     * longest string is a clipboard's. Events are read token by token into a map of at most a few
     * fields: the input path is hot and its format is flat, so no tree or record is built.
     */
    private static final JsonFactory JSON = StrictJson.factory(StrictJson.LIMITS.rebuild()
            .maxNestingDepth(1).maxStringLength(MAX_CLIPBOARD * 6).build());

    private final int width;
    private final int height;

    /** A parser for a screen of {@code width × height} pixels. */
    public InputEventParser(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * The event in {@code body}.
     *
     * @throws RefusedInputException if it is not a valid event for this screen
     */
    public InputEvent parse(byte[] body) throws RefusedInputException {
        Map<String, Object> fields = fields(body);
        String type = string(fields, "t");
        return switch (type) {
            case "move" -> new InputEvent.Move(coordinate(fields, "x", width), coordinate(fields, "y", height));
            case "down", "up" -> new InputEvent.Button(button(fields), type.equals("down"),
                    coordinate(fields, "x", width), coordinate(fields, "y", height));
            case "wheel" -> new InputEvent.Wheel(notches(fields, "dx"), notches(fields, "dy"));
            case "key" -> key(fields);
            case "text" -> new InputEvent.Text(text(fields, MAX_TEXT, true));
            case "clipboard" -> new InputEvent.Clipboard(text(fields, MAX_CLIPBOARD, false));
            default -> throw new RefusedInputException("unknown event type \"" + printable(type) + "\"");
        };
    }

    private static Map<String, Object> fields(byte[] body) throws RefusedInputException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedInputException("an input event is a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                fields.put(name, value(json, json.nextToken(), name));
            }
            if (json.nextToken() != null) {
                throw new RefusedInputException("data after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new RefusedInputException("not a JSON object: " + printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RefusedInputException("not a JSON object: " + e.getClass().getSimpleName());
        }
        return fields;
    }

    private static Object value(JsonParser json, JsonToken token, String name) throws IOException, RefusedInputException {
        return switch (token) {
            case VALUE_STRING -> json.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> {
                if (json.getNumberType() != JsonParser.NumberType.INT) {
                    throw new RefusedInputException("field " + printable(name) + " is out of range");
                }
                yield json.getIntValue();
            }
            case null -> throw new RefusedInputException("the JSON object is not closed");
            default -> throw new RefusedInputException("field " + printable(name)
                    + " must be a string, an integer or a boolean, got " + token);
        };
    }

    private static String string(Map<String, Object> fields, String name) throws RefusedInputException {
        if (fields.get(name) instanceof String value) {
            return value;
        }
        throw new RefusedInputException("field " + name + " must be a string");
    }

    private static int integer(Map<String, Object> fields, String name) throws RefusedInputException {
        if (fields.get(name) instanceof Integer value) {
            return value;
        }
        throw new RefusedInputException("field " + name + " must be an integer");
    }

    private int coordinate(Map<String, Object> fields, String name, int limit) throws RefusedInputException {
        int value = integer(fields, name);
        if (value < 0 || value >= limit) {
            throw new RefusedInputException(name + " " + value + " is outside the " + width + "×" + height + " screen");
        }
        return value;
    }

    private static int button(Map<String, Object> fields) throws RefusedInputException {
        int button = integer(fields, "button");
        if (button < 0 || button > 2) {
            throw new RefusedInputException("button must be 0, 1 or 2, got " + button);
        }
        return button;
    }

    private static int notches(Map<String, Object> fields, String name) throws RefusedInputException {
        int value = integer(fields, name);
        if (Math.abs(value) > MAX_NOTCHES) {
            throw new RefusedInputException(name + " must be within ±" + MAX_NOTCHES + " notches, got " + value);
        }
        return value;
    }

    private static InputEvent.Key key(Map<String, Object> fields) throws RefusedInputException {
        String code = string(fields, "code");
        if (!(fields.get("down") instanceof Boolean down)) {
            throw new RefusedInputException("field down must be a boolean");
        }
        int keyCode = PhysicalKeys.keyCode(code)
                .orElseThrow(() -> new RefusedInputException("unknown key code \"" + printable(code) + "\""));
        return new InputEvent.Key(code, keyCode, down);
    }

    private static String text(Map<String, Object> fields, int max, boolean typed) throws RefusedInputException {
        String text = string(fields, "text");
        if (text.length() > max || (typed && text.isEmpty())) {
            throw new RefusedInputException("text must be 1–" + max + " characters, got " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && (typed || c != '\r')) {
                throw new RefusedInputException("text contains control character U+" + hex(c) + " at " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new RefusedInputException("text contains an unpaired surrogate at " + i);
            }
        }
        return text;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /** A value from the peer, shortened and stripped of control characters, for a log line. */
    private static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
