package org.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.parley.ApiClient;

/** A request with exactly the bytes and content type given, which ApiClient (JSON text only) cannot send. */
record RawRequest(String method, String path, Optional<String> contentType, byte[] body) {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Over the server's 64 KiB limit: it may answer before reading the body, and close. */
    private static final int HUGE = 64 * 1024;

    record Reply(int status, String body, Optional<String> contentType) {
    }

    /** Sends it with {@code browser}'s cookies and CSRF header (if signed in), as if from {@code ip}. */
    Reply send(URI base, Optional<ApiClient> browser, String ip) throws IOException, InterruptedException {
        String cookie = browser.map(b -> "parley_session=" + b.cookie("parley_session").orElse("")
                + "; parley_csrf=" + b.cookie("parley_csrf").orElse("")).orElse(null);
        String csrf = browser.map(b -> b.cookie("parley_csrf").orElse("")).orElse(null);
        if (body.length > HUGE) {
            return overSocket(base, ip, cookie, csrf);
        }
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", ip)
                // as curl does for big uploads: a route that never reads the body answers on the headers
                // alone; otherwise the unread bytes make the server's close a reset that can eat the answer
                .expectContinue(body.length > 8 * 1024)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        contentType.ifPresent(type -> request.header("Content-Type", type));
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-Parley-CSRF", csrf);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type"));
    }

    /**
     * A server may answer a huge body (413) and close before reading it all, which is allowed;
     * the JDK client then reports only the broken pipe. A plain socket still reads the answer.
     */
    private Reply overSocket(URI base, String ip, String cookie, String csrf) throws IOException {
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            var head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n")
                    .append("X-Forwarded-For: ").append(ip).append("\r\nContent-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            contentType.ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
            if (cookie != null) {
                head.append("Cookie: ").append(cookie).append("\r\nX-Parley-CSRF: ").append(csrf).append("\r\n");
            }
            var out = socket.getOutputStream();
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered before reading everything; the answer is still there to read
            }
            return parse(socket.getInputStream());
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Optional<String> type = Optional.empty();
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                type = Optional.of(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), text.substring(end + 4), type);
    }
}
