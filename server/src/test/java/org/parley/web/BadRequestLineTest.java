package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.TestServer;

/** What Jetty refuses before any route runs still gets Parley's JSON error, not an HTML page naming the server. */
class BadRequestLineTest {

    static String raw(int port, String requestHead) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAddressThatIsNotUtf8GetsAJsonRefusal() throws IOException {
        try (var server = TestServer.start()) {
            String answer = raw(server.port(), "POST /api/v1/unsubscribe/%ED%A0%80 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("application/json").contains("\"error\":\"invalid_input\"").doesNotContain("<html", "Jetty");
        }
    }

    @Test
    void aHugeHeaderGetsAJsonRefusal() throws IOException {
        try (var server = TestServer.start()) {
            String answer = raw(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(70_000)
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 431");
            assertThat(answer).contains("\"error\":\"request_too_large\"").doesNotContain("<html");
        }
    }
}
