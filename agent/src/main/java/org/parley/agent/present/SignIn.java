package org.parley.agent.present;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Signs in as a browser does ({@code POST /api/v1/session}) and keeps the {@code parley_session}
 * cookie, which authenticates the relay's WebSocket upgrade. The password lives in a char array
 * that is cleared once the request is built.
 */
public final class SignIn {
    static final String COOKIE = "parley_session";
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private SignIn() {
    }

    /**
     * The session cookie's value for {@code email} on {@code server}.
     *
     * @throws SignInRefusedException if the server refuses (wrong address or password, throttled)
     * @throws IOException if the server cannot be reached
     */
    public static String session(HttpClient http, URI server, String email, char[] password)
            throws SignInRefusedException, IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/v1/session"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(email, password)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new SignInRefusedException("sign-in refused by " + server + " (HTTP " + response.statusCode() + ")");
        }
        return response.headers().allValues("Set-Cookie").stream()
                .flatMap(header -> HttpCookie.parse(header).stream())
                .filter(cookie -> cookie.getName().equals(COOKIE) && !cookie.getValue().isEmpty())
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new SignInRefusedException("the server signed us in but set no " + COOKIE + " cookie"));
    }

    private static String body(String email, char[] password) {
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("email", email);
            json.writeFieldName("password");
            json.writeString(password, 0, password.length);
            json.writeBooleanField("remember", false);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        } finally {
            Arrays.fill(password, '\0');
        }
        return out.toString();
    }
}
