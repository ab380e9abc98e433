package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;

/**
 * Every route, signed in and not, gets garbage: malformed and hostile JSON, wrong types, missing
 * and unknown fields, huge strings, control characters, lone surrogates (escaped and as raw
 * bytes), 10 MB bodies, wrong content types, deep nesting and seeded random bytes. None may
 * cause a 5xx, and every refusal is a JSON {"error","message"} without internals.
 */
class AbuseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final java.util.concurrent.atomic.AtomicInteger EMAILS = new java.util.concurrent.atomic.AtomicInteger();
    private static final long SEED = 20261123L;
    private static final int RANDOM_BODIES = 20;
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "org.parley", "java.", "jdbc", "SQL", "org.h2", "Jetty", "javalin");
    private static final List<String> HOSTILE_TEXT = List.of(
            "\u0000", "a\u0007b", "\u001b[31mred", "line\r\nX-Injected: 1", "\ud800", "x\udfffy", "\ud83d",
            "😀".repeat(50), "😀".repeat(51), "😀".repeat(100), "😀".repeat(101), "👩‍👩‍👧‍👦".repeat(60), "a".repeat(5000),
            "\u202Eevil", " ", "", "null", "<script>alert(1)</script>", "'; drop table accounts; --", "a@b.c".repeat(60),
            "%00", "\uFEFF");

    @Test
    void noRouteAnswersGarbageWithA5xxOrAnythingButAJsonError() throws Exception {
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC())) {
            var signedIn = server.client();
            signedIn.registerAndSignIn(server, "Fuzz", "Target", "fuzz@example.com", PASSWORD);
            JsonNode openApi = server.client().get("/api/v1/openapi.json").json();
            var routes = server.server().routes().stream().filter(r -> r.matches("(GET|POST|PUT|PATCH|DELETE) /api/.*"))
                    .sorted((a, b) -> Boolean.compare(a.equals("DELETE /api/v1/session"), b.equals("DELETE /api/v1/session")))
                    .toList();
            assertThat(routes).hasSizeGreaterThan(10).last().isEqualTo("DELETE /api/v1/session");
            var problems = new ArrayList<String>();
            int sent = 0;
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String template = route.substring(route.indexOf(' ') + 1);
                if (route.equals("DELETE /api/v1/session")) {
                    assertThat(signedIn.get("/api/v1/me").status()).as("still signed in for the last route").isEqualTo(200);
                }
                var fields = fieldsOf(openApi, method, template);
                for (String path : paths(template)) {
                    // every body on the first path; odd path parameters with a few bodies only, to keep the run short
                    var requests = bodies(method, path, fields);
                    for (RawRequest request : path.equals(paths(template).getFirst()) ? requests : requests.subList(0, 8)) {
                        for (Optional<ApiClient> browser : List.of(Optional.<ApiClient>empty(), Optional.of(signedIn))) {
                            String ip = "10." + (sent >> 16 & 255) + "." + (sent >> 8 & 255) + "." + (sent & 255);
                            sent++;
                            try {
                                check(route, request, request.send(java.net.URI.create(server.baseUrl()), browser, ip), browser.isPresent()).ifPresent(problems::add);
                            } catch (IOException noAnswer) {
                                problems.add(route + " with " + describe(request) + " -> no answer: " + noAnswer);
                            }
                        }
                    }
                }
            }
            assertThat(problems).as("%d requests sent", sent).isEmpty();
            assertThat(sent).isGreaterThan(1000);
        }
    }

    private static Optional<String> check(String route, RawRequest request, RawRequest.Reply reply, boolean signedIn) {
        String what = route + (signedIn ? " (signed in)" : "") + " with " + describe(request) + " -> " + reply.status() + " "
                + shorten(reply.body());
        if (reply.status() >= 500) {
            return Optional.of(what);
        }
        for (String leak : LEAKS) {
            if (reply.body().contains(leak) && reply.status() >= 300) {
                return Optional.of(what + " [leaks \"" + leak + "\"]");
            }
        }
        if (reply.status() >= 300) {
            try {
                JsonNode error = JSON.readTree(reply.body());
                if (!error.path("error").isTextual() || !error.path("message").isTextual()
                        || !reply.contentType().orElse("").startsWith(JSON_TYPE)) {
                    return Optional.of(what + " [not a JSON error]");
                }
            } catch (IOException notJson) {
                return Optional.of(what + " [not JSON]");
            }
        }
        return Optional.empty();
    }

    private static String describe(RawRequest request) {
        return request.contentType().orElse("no content type") + " " + shorten(new String(request.body(), StandardCharsets.UTF_8));
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + text.length() + ")" : flat;
    }

    /** The route with its path parameters filled with ordinary and hostile values. */
    private static List<String> paths(String template) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        return List.of("abc", "abc.def", "00000000-0000-0000-0000-000000000000", "%F0%9F%98%80", "%25", "x".repeat(1000))
                .stream().map(value -> template.replaceAll("\\{[^}]+}", value)).toList();
    }

    /** The documented body fields of an operation, or every field name the API uses if it documents none. */
    private static Map<String, JsonNode> fieldsOf(JsonNode openApi, String method, String path) {
        JsonNode properties = openApi.path("paths").path(path).path(method.toLowerCase()).path("requestBody").path("content")
                .path(JSON_TYPE).path("schema").path("properties");
        var fields = new LinkedHashMap<String, JsonNode>();
        properties.properties().forEach(p -> fields.put(p.getKey(), p.getValue()));
        if (fields.isEmpty()) {
            for (String name : List.of("email", "password", "token")) {
                fields.put(name, JSON.createObjectNode().put("type", "string"));
            }
        }
        return fields;
    }

    private static List<RawRequest> bodies(String method, String path, Map<String, JsonNode> fields) {
        var all = new ArrayList<RawRequest>();
        Function<String, RawRequest> json = text -> new RawRequest(method, path, Optional.of(JSON_TYPE), text.getBytes(StandardCharsets.UTF_8));
        for (String text : List.of("{", "{\"email\": \"a@b.co\",", "[]", "null", "42", "\"text\"", "", "{}", "{\"isAdmin\": true}",
                "{\"__proto__\": {\"admin\": true}}", "{\"a\":1,\"a\":2}", "{\"version\": 1e999999}", "{\"version\": NaN}",
                "{\"version\": " + "9".repeat(500) + "}", "{'email': 'single@quotes.com'}", "{\"email\": \"a@b.co\"} trailing",
                "[".repeat(60_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "<?xml version=\"1.0\"?><account/>", "email=a%40b.co&password=x")) {
            all.add(json.apply(text));
        }
        var allFields = fields.keySet();
        for (Object wrong : List.of(12345, List.of(), Map.of(), true, 1.5, "yes", Map.of("nested", List.of(1, 2)))) {
            all.add(json.apply(object(allFields, name -> wrong)));
        }
        for (String name : allFields) {
            var others = new TreeSet<>(allFields);
            others.remove(name);
            all.add(json.apply(object(others, other -> plausible(other, fields.get(other)))));
            for (String hostile : HOSTILE_TEXT) {
                all.add(json.apply(object(allFields, other -> other.equals(name) ? hostile : plausible(other, fields.get(other)))));
            }
        }
        all.add(json.apply(object(allFields, name -> plausible(name, fields.get(name)))));
        // lone surrogates and broken UTF-8 as raw bytes, which no JSON library would write
        for (byte[] raw : List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE},
                new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xF0, (byte) 0x9F})) {
            for (String name : allFields) {
                all.add(new RawRequest(method, path, Optional.of(JSON_TYPE), rawString(fields, name, raw)));
            }
        }
        String valid = object(allFields, name -> plausible(name, fields.get(name)));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json-patch+json", "application/xml", "application/json; charset=utf-16", "*/*")) {
            all.add(new RawRequest(method, path, Optional.of(type), valid.getBytes(StandardCharsets.UTF_8)));
        }
        all.add(new RawRequest(method, path, Optional.empty(), valid.getBytes(StandardCharsets.UTF_8)));
        all.add(new RawRequest(method, path, Optional.of(JSON_TYPE), ("{\"email\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.US_ASCII)));
        var random = new Random(SEED ^ path.hashCode() ^ method.hashCode());
        for (int i = 0; i < RANDOM_BODIES; i++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            all.add(new RawRequest(method, path, Optional.of(i % 2 == 0 ? JSON_TYPE : "application/octet-stream"), bytes));
        }
        return all;
    }

    private static Object plausible(String name, JsonNode schema) {
        String type = schema == null ? "string" : schema.path("type").asText("string");
        return switch (type) {
            case "boolean" -> true;
            case "integer", "number" -> 1;
            case "array" -> List.of("someone@example.com");
            case "object" -> Map.of();
            default -> name.toLowerCase().contains("email") ? "someone" + EMAILS.incrementAndGet() + "@example.com"
                    : name.toLowerCase().contains("password") ? "plausible but wrong passphrase 33"
                    : name.equals("token") ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : "Plausible";
        };
    }

    private static String object(Set<String> names, Function<String, Object> value) {
        var map = new LinkedHashMap<String, Object>();
        names.forEach(name -> map.put(name, value.apply(name)));
        try {
            return JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object whose field {@code name} holds the raw bytes between quotes. */
    private static byte[] rawString(Map<String, JsonNode> fields, String name, byte[] raw) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("{\"" + name + "\":\"a").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
