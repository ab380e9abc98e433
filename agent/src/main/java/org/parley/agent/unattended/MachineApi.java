package org.parley.agent.unattended;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.parley.agent.http.ServerApi;

/** The machine's calls to the server's API (API.md "Support and machines"). */
public final class MachineApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http;

    public MachineApi(HttpClient http) {
        this.http = http;
    }

    /** The server said no; the message is its sentence for the person; {@code status} its HTTP status. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What enrolment returns: the machine's id and token, and the pairing code for the owner. */
    public record Enrolled(UUID id, String token, String pairingCode, String approveUrl) {
    }

    public Enrolled enrol(URI server, String name) throws IOException, InterruptedException, Refused {
        var fields = send(HttpRequest.newBuilder(server.resolve("/api/v1/machines")).POST(body(Map.of("name", name))), null);
        return new Enrolled(UUID.fromString(fields.get("id")), fields.get("machineToken"), fields.get("pairingCode"),
                fields.get("approveUrl"));
    }

    /** The machine's status as the server sees it: pending, enabled, paused, revoked (and pausedUntil). */
    public Map<String, String> self(MachineFile machine) throws IOException, InterruptedException, Refused {
        return send(HttpRequest.newBuilder(machine.server().resolve("/api/v1/machines/self")).GET(), machine.token());
    }

    /** Pauses (until a time), enables or revokes access, from the machine itself. */
    public Map<String, String> access(MachineFile machine, String access, String pausedUntil)
            throws IOException, InterruptedException, Refused {
        var change = new LinkedHashMap<String, String>();
        change.put("access", access);
        if (pausedUntil != null) {
            change.put("pausedUntil", pausedUntil);
        }
        return send(HttpRequest.newBuilder(machine.server().resolve("/api/v1/machines/" + machine.machineId()))
                .method("PATCH", body(change)), machine.token());
    }

    /**
     * Tells the owner's connection list what became of a caller's password (never the password).
     * The caller is named by its participant id in the room: the server knows which attempt that was.
     */
    public void event(MachineFile machine, int participant, String event) {
        try {
            send(HttpRequest.newBuilder(machine.server().resolve("/api/v1/machines/" + machine.machineId() + "/events"))
                    .POST(body(Map.of("participant", participant, "event", event))), machine.token());
        } catch (IOException | Refused notRecorded) {
            org.parley.agent.AgentLog.warn("the server did not record \"" + event + "\": " + notRecorded.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException, Refused {
        request.timeout(TIMEOUT).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> fields = ServerApi.fields(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode(), fields.getOrDefault("message", "HTTP " + response.statusCode()));
        }
        return fields;
    }

    private static HttpRequest.BodyPublisher body(Map<String, ?> fields) {
        return HttpRequest.BodyPublishers.ofString(ServerApi.object(fields));
    }
}
