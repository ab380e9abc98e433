package org.parley.web;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.parley.protocol.json.StrictJson;

/**
 * The API's JSON mapper, on the protocol's one strict JSON layer ({@link StrictJson}: duplicate keys
 * refused, the same nesting, number, string and document limits as the clients), with trailing data
 * refused on input and ISO-8601 times on output. Request bodies are read as trees by {@link JsonBody},
 * which checks each field's type itself, so the mapper need not refuse coercions.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(StrictJson.factory(StrictJson.LIMITS))
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Json() {
    }
}
