package org.parley.agent.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.parley.agent.http.ServerApi;

/**
 * What the support key buys ({@code POST /api/v1/support-sessions/join}): the session, a ticket
 * into its relay, and who the technician is, for the consent prompt.
 */
public record SupportTicket(UUID sessionId, URI relay, Optional<String> technician, Optional<String> organisation) {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The server refused the key; {@code getMessage()} is its sentence for the person. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Redeems {@code key} (nine digits) on {@code server}.
     *
     * @throws Refused with the server's explanation (wrong or expired key, too many attempts)
     * @throws IOException if the server cannot be reached
     */
    public static SupportTicket redeem(HttpClient http, URI server, String key, Optional<String> name)
            throws Refused, IOException, InterruptedException {
        var body = new LinkedHashMap<String, String>();
        body.put("supportKey", key);
        name.ifPresent(n -> body.put("name", n));
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/support-sessions/join")).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ServerApi.object(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = ServerApi.fields(response.body());
        if (response.statusCode() != 200) {
            throw new Refused(fields.getOrDefault("message", "The server refused the key (HTTP " + response.statusCode() + ")."));
        }
        String relayPath = fields.get("relayPath");
        String session = fields.get("sessionId");
        if (relayPath == null || session == null || !relayPath.startsWith("/")) {
            throw new IOException("the server's answer is not a support ticket");
        }
        return new SupportTicket(UUID.fromString(session), ServerApi.webSocket(server, relayPath), Optional.ofNullable(fields.get("technician.name")),
                Optional.ofNullable(fields.get("organisation")));
    }
}
