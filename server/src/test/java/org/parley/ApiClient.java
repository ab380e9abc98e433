package org.parley;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One browser, as the server sees it: a cookie jar and the double-submit CSRF header taken from
 * the {@code parley_csrf} cookie on every state-changing request (as the web UI's script does).
 */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private boolean sendCsrf = true;
    private String userAgent = "parley-test";

    public ApiClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public List<String> allHeaders(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        public String error() {
            return json().path("error").asText();
        }
    }

    /** Turns the automatic X-Parley-CSRF header off (to prove the server refuses without it). */
    public ApiClient withoutCsrf() {
        sendCsrf = false;
        return this;
    }

    public ApiClient userAgent(String userAgent) {
        this.userAgent = userAgent;
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object json) {
        return send("POST", path, json, Map.of());
    }

    public Response put(String path, Object json) {
        return send("PUT", path, json, Map.of());
    }

    public Response patch(String path, Object json) {
        return send("PATCH", path, json, Map.of());
    }

    public Response delete(String path, Object json) {
        return send("DELETE", path, json, Map.of());
    }

    /** {@code json} is a String (sent as is) or any object Jackson can write; null sends no body. */
    public Response send(String method, String path, Object json, Map<String, String> headers) {
        try {
            String body = json == null ? null : json instanceof String s ? s : JSON.writeValueAsString(json);
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", userAgent)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (sendCsrf && !method.equals("GET")) {
                cookie("parley_csrf").ifPresent(token -> request.header("X-Parley-CSRF", token));
            }
            headers.forEach(request::setHeader);
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst();
    }

    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    /** Registers, verifies through the mailed link and signs in; returns the sign-in response. */
    public Response registerAndSignIn(TestServer server, String firstName, String lastName, String email, String password) {
        var created = post("/api/v1/accounts", Map.of("firstName", firstName, "lastName", lastName, "email", email, "password", password));
        if (created.status() != 201) {
            throw new AssertionError("registration failed: " + created);
        }
        String link = TestServer.link(server.awaitMail(email, "Confirm your email"), "/verify.html");
        String token = URI.create(link).getQuery().replaceFirst("^.*token=", "");
        var verified = post("/api/v1/accounts/verify", Map.of("token", token));
        if (verified.status() != 204) {
            throw new AssertionError("verification failed: " + verified);
        }
        return signIn(email, password);
    }

    public Response signIn(String email, String password) {
        return post("/api/v1/session", Map.of("email", email, "password", password, "remember", false));
    }
}
