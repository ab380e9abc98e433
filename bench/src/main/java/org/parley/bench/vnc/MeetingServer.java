package org.parley.bench.vnc;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.ParleyServer;
import org.parley.config.Config;

/**
 * The Parley server of the busy-desktop benchmark, in a JVM of its own so that its CPU (the relay's)
 * is read apart from the benchmark's: a fresh embedded database in a temporary folder, on
 * {@code 127.0.0.1}, the accounts registered through the API and verified in the database
 * (the presenter {@link #PRESENTER} and the viewers {@link #VIEWERS}), and {@code meetings}
 * meetings the presenter organizes with every viewer invited. Prints {@code ready <port>
 * <meeting id>…}, then serves until its standard input closes (the benchmark ended, however) or
 * it is terminated. {@code java -cp parley-bench.jar org.parley.bench.vnc.MeetingServer <meetings>}.
 */
public final class MeetingServer {
    static final String PASSWORD = "correct horse battery staple 12";
    static final String PRESENTER = "olga@example.com";
    /** The browser viewers, then the Java viewers of the ten-viewer run ({@link JavaWatchers}). */
    static final String[] VIEWERS = {"ivan@example.com", "vera@example.com", "watcher1@example.com", "watcher2@example.com",
        "watcher3@example.com", "watcher4@example.com", "watcher5@example.com", "watcher6@example.com", "watcher7@example.com",
        "watcher8@example.com", "watcher9@example.com"};
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private MeetingServer() {
    }

    public static void main(String[] args) throws Exception {
        int meetings = Integer.parseInt(args[0]);
        Path data = Files.createTempDirectory("parley-bench-server-");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        ParleyServer server = ParleyServer.start(Config.fromEnvironment(Map.of("PARLEY_PORT", String.valueOf(port),
                "PARLEY_BIND", "127.0.0.1", "PARLEY_BASE_URL", base, "PARLEY_DATA_DIR", data.toString(),
                // the accounts below register from "different addresses" (X-Forwarded-For): more than the
                // ten registrations one address may make in an hour
                "PARLEY_TRUST_PROXY", "true")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            delete(data);
        }));
        var presenter = new Api(base);
        presenter.post("/api/v1/accounts", account("Olga", PRESENTER), 201);
        for (int i = 0; i < VIEWERS.length; i++) {
            new Api(base, "127.0.1." + (i + 1)).post("/api/v1/accounts", account(i == 0 ? "Ivan" : i == 1 ? "Vera" : "Watcher" + (i - 1), VIEWERS[i]), 201);
        }
        server.database().jdbi().useHandle(h -> h.createUpdate("update accounts set email_verified = true").execute());
        presenter.post("/api/v1/session", "{\"email\":\"" + PRESENTER + "\",\"password\":\"" + PASSWORD + "\",\"remember\":false}", 200);
        StringBuilder ready = new StringBuilder("ready " + port);
        for (int i = 0; i < meetings; i++) {
            String created = presenter.post("/api/v1/meetings", "{\"kind\":\"meeting\",\"subject\":\"Busy desktop " + (i + 1)
                    + "\",\"invitees\":[\"" + String.join("\",\"", VIEWERS) + "\"]}", 201);
            Matcher m = ID.matcher(created);
            if (!m.find()) {
                throw new IOException("no meeting id in " + created);
            }
            ready.append(' ').append(m.group(1));
        }
        System.out.println(ready);
        System.out.flush();
        while (System.in.read() != -1) { // serves until the benchmark closes our input
            Thread.onSpinWait();
        }
        System.exit(0);
    }

    private static String account(String first, String email) {
        return "{\"firstName\":\"" + first + "\",\"lastName\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }

    /** A browser as the server sees it: cookies and the double-submit CSRF header from the {@code parley_csrf} cookie. */
    public static final class Api {
        private final String base;
        private final CookieManager cookies = new CookieManager();

        /** The value of cookie {@code name} this client holds, e.g. the session after signing in. */
        public String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no cookie " + name));
        }
        private final HttpClient http;

        private final String forwardedFor;

        Api(String base) {
            this(base, null);
        }

        /** A client the server (trusting the proxy header) sees as coming from {@code forwardedFor}. */
        public Api(String base, String forwardedFor) {
            this.forwardedFor = forwardedFor;
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
        }

        public String post(String path, String json, int expected) throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (forwardedFor != null) {
                request.header("X-Forwarded-For", forwardedFor);
            }
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("parley_csrf")).map(HttpCookie::getValue)
                    .findFirst().ifPresent(token -> request.header("X-Parley-CSRF", token));
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
