package org.parley.session;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.ApiClient;
import org.parley.protocol.keys.InvitationSecret;

/**
 * Where a blind-server test starts: fresh markers, an {@link ObservedServer} on a fresh data folder,
 * Olga and her invitees signed up through it, and Olga's meeting whose subject is the run's control
 * marker. Registered per test, it stops the server after the test.
 */
final class ObservedMeeting implements AfterEachCallback {
    final RunMarkers markers = RunMarkers.fresh();
    private final Map<String, ApiClient> accounts = new HashMap<>();
    private ObservedServer server;
    private String id;

    /** Starts the server on {@code dataDir}; an invitee "Ivan" signs up as ivan@example.com. */
    void start(Path dataDir, String... invitees) {
        server = ObservedServer.start(dataDir);
        for (String name : Stream.concat(Stream.of("Olga"), Stream.of(invitees)).toList()) {
            accounts.put(name, server.signedUp(name, email(name)));
        }
        id = account("Olga").post("/api/v1/meetings", Map.of("kind", "meeting", "subject", markers.subject().secret(),
                "invitees", Stream.of(invitees).map(ObservedMeeting::email).toList())).json().path("id").asText();
    }

    ObservedServer server() {
        return server;
    }

    String id() {
        return id;
    }

    /** Olga or one of her invitees joining the session from Java with {@code k}, under {@code label}. */
    Person join(String name, InvitationSecret k, String label) {
        return Person.join(server.baseUrl(), id, account(name), k, label);
    }

    /** The signed-in API client of Olga or one of her invitees. */
    ApiClient account(String name) {
        return accounts.get(name);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    private static String email(String name) {
        return name.toLowerCase(Locale.ROOT) + "@example.com";
    }
}
