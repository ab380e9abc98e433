package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What the server sent down one recorded connection, read as HTTP/1.1 responses: each body as the
 * server wrote it before its Content-Encoding (a gzipped body would hide a plaintext from the
 * search), and, if a response switched to WebSocket, where the frames start and whether
 * permessage-deflate was agreed.
 */
record HttpResponses(byte[] bodies, int upgradedAt, boolean deflate) {

    boolean upgraded() {
        return upgradedAt >= 0;
    }

    static HttpResponses read(byte[] down) {
        String text = Needles.bytesAsText(down);
        var bodies = new ByteArrayOutputStream();
        int at = 0;
        while (text.startsWith("HTTP/1.", at)) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) {
                break;
            }
            String[] lines = text.substring(at, headersEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            at = headersEnd + 4;
            if (status == 101) {
                return new HttpResponses(bodies.toByteArray(), at,
                        headers.getOrDefault("sec-websocket-extensions", "").contains("permessage-deflate"));
            }
            if (status < 200 || status == 204 || status == 304) {
                continue;
            }
            var body = new ByteArrayOutputStream();
            at = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunked(down, text, at, body)
                    : sized(down, at, headers.get("content-length"), body);
            bodies.writeBytes(decoded(body.toByteArray(), headers.getOrDefault("content-encoding", "identity")));
            bodies.write(0);
        }
        // a stream the loop could not follow would hide the rest of its bodies from the search
        assertThat(at).as("every response on the connection was read").isEqualTo(down.length);
        return new HttpResponses(bodies.toByteArray(), -1, false);
    }

    private static int sized(byte[] down, int at, String contentLength, ByteArrayOutputStream body) {
        int end = contentLength == null ? down.length : Math.min(down.length, at + Integer.parseInt(contentLength));
        body.write(down, at, end - at);
        return end;
    }

    private static int chunked(byte[] down, String text, int at, ByteArrayOutputStream body) {
        while (at < down.length) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return down.length;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                int trailersEnd = text.indexOf("\r\n\r\n", at - 2);
                return trailersEnd < 0 ? down.length : trailersEnd + 4;
            }
            int end = Math.min(down.length, at + size);
            body.write(down, at, end - at);
            at = end + 2;
        }
        return down.length;
    }

    private static byte[] decoded(byte[] body, String encoding) {
        if (encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        assertThat(encoding).as("a Content-Encoding the search can read").isEqualToIgnoringCase("gzip");
        var out = new ByteArrayOutputStream();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (EOFException truncated) {
            // the connection ended mid-body: what was inflated so far is searched
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gunzip a recorded response; the search would miss what it holds", e);
        }
        return out.toByteArray();
    }
}
