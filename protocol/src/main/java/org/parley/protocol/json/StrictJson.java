package org.parley.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parley's JSON, read and written through one mapper. Everything that reads JSON reads what a peer,
 * a server or a file on disk chose to send, so the reader is strict: a key twice, data after the
 * value, nesting deeper than {@value #MAX_DEPTH}, a number longer than {@value #MAX_NUMBER_LENGTH}
 * characters (a long's), a string over {@value #MAX_STRING_LENGTH} characters or a document over
 * {@value #MAX_DOCUMENT_LENGTH} bytes is refused before anything is built from it. A record is read
 * without coercion ({@code "1"}, {@code 1.0} and {@code null} are no int; {@code 7} is no String) and an
 * unknown field refuses it, unless its type says {@code @JsonIgnoreProperties(ignoreUnknown = true)}:
 * whether a later version may add fields is each format's own, visible decision. Default typing
 * is never enabled, so no input names a class to build.
 */
public final class StrictJson {
    /** Our formats are flat or nearly so; 16 levels leaves room and stops a stack-eating nest. */
    public static final int MAX_DEPTH = 16;
    /** Every number in our formats is a whole number that fits a long: at most 19 digits and a sign. */
    public static final int MAX_NUMBER_LENGTH = 20;
    /** Longer than any field of ours; an envelope's payload is at most 1 MiB. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** Twice the envelope's payload limit (README §3). */
    public static final int MAX_DOCUMENT_LENGTH = 2 << 20;
    /** Our field names are words. */
    public static final int MAX_NAME_LENGTH = 256;

    /** The limits every read starts from; a hot path may {@link StreamReadConstraints#rebuild() tighten} them. */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
            .build();

    private static final JsonMapper MAPPER = JsonMapper.builder(factory(LIMITS))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or boolean is no text either (Jackson would write 7 into a String as "7")
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private StrictJson() {
    }

    /**
     * A streaming factory as strict as the mapper's (duplicate keys refused) with {@code limits}: for
     * a hot path that reads tokens itself, such as input events.
     */
    public static JsonFactory factory(StreamReadConstraints limits) {
        return JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(limits)
                .build();
    }

    /** The one JSON value that fills {@code json}, as a tree. */
    public static JsonNode tree(byte[] json) {
        try {
            return orMissing(MAPPER.readTree(json));
        } catch (IOException malformed) {
            throw refusal(malformed);
        }
    }

    /** The one JSON value that fills {@code json}, as a tree. */
    public static JsonNode tree(String json) {
        try {
            return orMissing(MAPPER.readTree(json));
        } catch (IOException malformed) {
            throw refusal(malformed);
        }
    }

    /** {@code json} read into {@code type}, a record whose components are the fields. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return requirePresent(MAPPER.readValue(json, type));
        } catch (IOException malformed) {
            throw refusal(malformed);
        }
    }

    /** {@code json} read into {@code type}, a record whose components are the fields. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return requirePresent(MAPPER.readValue(json, type));
        } catch (IOException malformed) {
            throw refusal(malformed);
        }
    }

    /**
     * A JSON object as plain values: {@code Map}, {@code List}, {@code String}, {@code Long},
     * {@code Boolean} and {@code null}. A fraction, or a whole number beyond a long, is refused: none
     * of our formats has one.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        Object value;
        try {
            value = MAPPER.readValue(json, Object.class);
        } catch (IOException malformed) {
            throw refusal(malformed);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new MalformedJsonException("expected a JSON object", null);
        }
        requireWholeNumbers(map);
        return (Map<String, Object>) map;
    }

    /** A new, empty object to fill and {@link #write}. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** {@code value} (a tree, a record, a map of plain values) as compact UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as compact JSON text. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code value} as indented JSON text, for a file a person may open. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Empty input reads as Jackson's "missing" tree; we make it a refusal like any other. */
    private static JsonNode orMissing(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedJsonException("no JSON value", null);
        }
        return tree;
    }

    /** A literal {@code null} reads as no record; our formats never send one where a record belongs. */
    private static <T> T requirePresent(T value) {
        if (value == null) {
            throw new MalformedJsonException("expected a JSON object, got null", null);
        }
        return value;
    }

    private static void requireWholeNumbers(Object value) {
        switch (value) {
            case null -> { }
            case Map<?, ?> map -> map.values().forEach(StrictJson::requireWholeNumbers);
            case List<?> list -> list.forEach(StrictJson::requireWholeNumbers);
            case String s -> { }
            case Long n -> { }
            case Boolean b -> { }
            default -> throw new MalformedJsonException("only whole numbers that fit a long are expected, got " + value, null);
        }
    }

    /**
     * Jackson's own message, first line only (never the source excerpt: it may hold a secret), and
     * where in the document for a field of the wrong type.
     */
    private static MalformedJsonException refusal(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String line = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            line = path(mapping.getPath()) + ": " + line;
        }
        return new MalformedJsonException("not valid JSON: " + line, e);
    }

    private static String path(List<JsonMappingException.Reference> path) {
        var where = new StringBuilder();
        for (var step : path) {
            where.append(step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]");
        }
        return where.substring(where.charAt(0) == '.' ? 1 : 0);
    }
}
