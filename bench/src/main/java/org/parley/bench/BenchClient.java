package org.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback HTTP to the server under test. The server runs with PARLEY_TRUST_PROXY, and every
 * request comes "through the proxy" from its own address in 10.0.0.0/8, so the per-IP rate limits
 * (which would stop one address after 30 sign-ins) see many clients, as in production.
 */
final class BenchClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger nextAddress = new AtomicInteger(1);
    private final String base;

    BenchClient(String base) {
        this.base = base;
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String sessionToken) throws IOException, InterruptedException {
        return http.send(request(path).header("Cookie", "parley_session=" + sessionToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The parley_session token a sign-in answer sets. */
    static String sessionToken(HttpResponse<?> signIn) {
        return signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("parley_session="))
                .map(c -> c.substring("parley_session=".length(), c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in answered without a session cookie"));
    }

    private HttpRequest.Builder request(String path) {
        int n = nextAddress.getAndIncrement();
        String address = "10." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "parley-bench").header("X-Forwarded-For", address);
    }
}
