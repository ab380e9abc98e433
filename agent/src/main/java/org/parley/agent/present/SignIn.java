package org.parley.agent.present;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.parley.protocol.json.StrictJson;

/**
 * Signs in as a browser does ({@code POST /api/v1/session}) and keeps the {@code parley_session}
 * cookie, which authenticates the relay's WebSocket upgrade. The password lives in a char array
 * that is cleared once the request is built.
 */
public final class SignIn {
    static final String COOKIE = "parley_session";
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

    /**
     * The request body. It holds the password as a String whichever way it is written (the HTTP
     * client sends Strings), so the tree's short-lived copy costs no secrecy; the char array is
     * cleared as soon as it is written.
     */
    private static String body(String email, char[] password) {
        try {
            return StrictJson.text(StrictJson.newObject()
                    .put("email", email).put("password", new String(password)).put("remember", false));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
