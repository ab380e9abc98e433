package org.parley.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (a URL that is not valid UTF-8, a header
 * too large, a malformed request line): the same {@code {"error","message"}} JSON as every other
 * refusal, instead of Jetty's HTML page with its version in it.
 */
public final class JsonErrorPages extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int status) {
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414, 431 -> "request_too_large";
            default -> status >= 500 ? "internal" : "invalid_input";
        };
        String message = switch (status) {
            case 404 -> "There is nothing here, or you may not see it.";
            case 413, 414, 431 -> "The request is too large.";
            default -> status >= 500 ? "Internal Server Error" : "The request is malformed: check the address and try again.";
        };
        try {
            return Json.MAPPER.writeValueAsString(Map.of("error", code, "message", message)).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
