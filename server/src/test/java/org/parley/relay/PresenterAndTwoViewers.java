package org.parley.relay;

import java.util.List;
import java.util.Map;
import org.parley.ApiClient;
import org.parley.TestServer;

/**
 * The room the media flow-control tests share: a server, Pia who presents (the organizer), Fred who
 * reads fast and Sue who reads slowly, both invited to one meeting with {@code subject}.
 */
record PresenterAndTwoViewers(TestServer server, ApiClient organizer, ApiClient fast, ApiClient slow, String meetingId) {
    static final String PASSWORD = "correct horse battery staple 91";

    static PresenterAndTwoViewers start(String subject) {
        TestServer server = TestServer.start();
        ApiClient organizer = server.client();
        organizer.registerAndSignIn(server, "Pia", "Presenter", "pia@example.com", PASSWORD);
        ApiClient fast = server.client();
        fast.registerAndSignIn(server, "Fred", "Fast", "fred@example.com", PASSWORD);
        ApiClient slow = server.client();
        slow.registerAndSignIn(server, "Sue", "Slow", "sue@example.com", PASSWORD);
        String meetingId = organizer.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", subject,
                "invitees", List.of("fred@example.com", "sue@example.com"))).json().path("id").asText();
        return new PresenterAndTwoViewers(server, organizer, fast, slow, meetingId);
    }
}
