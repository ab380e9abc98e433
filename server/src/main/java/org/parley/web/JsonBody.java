package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read strictly: the content type must be JSON, the body one object with
 * only the fields the route knows, each of the right type and within its length cap. Every
 * refusal says which field is wrong, in words a person understands.
 */
public final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody read(Context ctx, Set<String> allowedFields) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ParleyException(Failure.UNSUPPORTED_MEDIA_TYPE, "Please send JSON (Content-Type: application/json).");
        }
        return parse(ctx.bodyAsBytes(), allowedFields);
    }

    static JsonBody parse(byte[] body, Set<String> allowedFields) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (java.io.IOException | IllegalArgumentException malformed) {
            throw ParleyException.invalid("The request body is not valid JSON.");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ParleyException.invalid("The request body must be a JSON object.");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ParleyException.invalid("Unknown field \"" + Text.shorten(name) + "\"; expected " + String.join(", ", allowedFields.stream().sorted().toList()) + ".");
            }
        }
        return new JsonBody(object);
    }

    public String requiredText(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> ParleyException.invalid(FieldLabel.of(field) + " is required."));
    }

    public Optional<String> optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a string.");
        }
        return Optional.of(Text.check(field, value.textValue(), maxLength));
    }

    /** A secret as typed: not trimmed, but still capped and free of control characters. */
    public String requiredSecret(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
            throw ParleyException.invalid(FieldLabel.of(field) + " is required.");
        }
        if (!value.isTextual()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a string.");
        }
        return Text.checkRaw(field, value.textValue(), maxLength);
    }

    public boolean requiredBoolean(String field) {
        return optionalBoolean(field).orElseThrow(() -> ParleyException.invalid(FieldLabel.of(field) + " is required (true or false)."));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be true or false.");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<Integer> optionalInteger(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a whole number from " + min + " to " + max + ".");
        }
        return Optional.of(value.intValue());
    }

    /** A list of strings, each checked like {@link #optionalText}; at most {@code maxItems}. */
    public Optional<java.util.List<String>> optionalTextList(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a list of strings.");
        }
        if (value.size() > maxItems) {
            throw ParleyException.invalid(FieldLabel.of(field) + " can have at most " + maxItems + " entries, got " + value.size() + ".");
        }
        var items = new java.util.ArrayList<String>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ParleyException.invalid(FieldLabel.of(field) + " must be a list of strings.");
            }
            items.add(Text.check(field, item.textValue(), maxLength));
        }
        return Optional.of(items);
    }

    /** A nested object, read with the same strictness as a body. */
    public Optional<JsonBody> optionalObject(String field, Set<String> allowedFields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be an object.");
        }
        return Optional.of(checked(object, allowedFields, field + "."));
    }

    /** A list of nested objects; at most {@code maxItems}. */
    public Optional<java.util.List<JsonBody>> optionalObjectList(String field, int maxItems, Set<String> allowedFields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a list of at most " + maxItems + " objects.");
        }
        var items = new java.util.ArrayList<JsonBody>();
        for (JsonNode item : value) {
            if (!(item instanceof ObjectNode object)) {
                throw ParleyException.invalid(FieldLabel.of(field) + " must be a list of objects.");
            }
            items.add(checked(object, allowedFields, field + "[]."));
        }
        return Optional.of(items);
    }

    /** A map of short strings (e.g. answers to questions), at most {@code maxItems} entries. */
    public Optional<java.util.Map<String, String>> optionalTextMap(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object) || object.size() > maxItems) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be an object of at most " + maxItems + " text answers.");
        }
        var map = new java.util.LinkedHashMap<String, String>();
        for (var entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw ParleyException.invalid(FieldLabel.of(field) + " answers must be text.");
            }
            map.put(Text.checkRaw(field, entry.getKey(), maxLength), Text.checkRaw(field, entry.getValue().textValue(), maxLength));
        }
        return Optional.of(map);
    }

    /** Several lines of text; an explicit {@code null} or {@code ""} gives "" (so a PATCH can clear it). */
    public Optional<String> optionalMultilineText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of("");
        }
        if (!value.isTextual()) {
            throw ParleyException.invalid(FieldLabel.of(field) + " must be a string.");
        }
        return Optional.of(Text.checkMultiline(field, value.textValue(), maxLength));
    }

    /** Whether the field is in the body at all, even as {@code null} (which a PATCH uses to clear it). */
    public boolean mentions(String field) {
        return node.has(field);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private static JsonBody checked(ObjectNode object, Set<String> allowedFields, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ParleyException.invalid("Unknown field \"" + prefix + Text.shorten(name) + "\"; expected "
                        + String.join(", ", allowedFields.stream().sorted().toList()) + ".");
            }
        }
        return new JsonBody(object);
    }
}
