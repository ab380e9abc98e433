package org.parley.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The JSON of the session's control and content messages (protocol README §8), read strictly with
 * Jackson into {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Boolean} and
 * {@code null}: duplicate keys, trailing data, fractions, numbers beyond a long and nesting deeper
 * than 16 are refused with {@link IllegalArgumentException}, as a peer's malformed message must be.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
    }

    private Json() {
    }

    /** Parses one JSON value that fills all of {@code text}. */
    static Object parse(String text) {
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("not valid JSON: " + malformed.getOriginalMessage());
        }
        requireOnlyExpectedTypes(value);
        return value;
    }

    /** Our messages hold whole numbers that fit a long; a fraction or a bigger number is malformed. */
    private static void requireOnlyExpectedTypes(Object value) {
        switch (value) {
            case null -> { }
            case Map<?, ?> map -> map.values().forEach(Json::requireOnlyExpectedTypes);
            case java.util.List<?> list -> list.forEach(Json::requireOnlyExpectedTypes);
            case String s -> { }
            case Long n -> { }
            case Boolean b -> { }
            default -> throw new IllegalArgumentException("only whole numbers are expected, got " + value);
        }
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    /** Writes a string as a JSON string literal. */
    static String quote(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a string always writes as JSON", impossible);
        }
    }
}
