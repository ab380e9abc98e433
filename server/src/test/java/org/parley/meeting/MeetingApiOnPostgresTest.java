package org.parley.meeting;

import org.junit.jupiter.api.BeforeAll;
import org.parley.TestDatabase;
import org.parley.TestServer;

/** Every meeting API test again on PostgreSQL (skipped, with the reason printed, where none runs). */
class MeetingApiOnPostgresTest extends MeetingApiTest {

    @BeforeAll
    static void start() {
        server = TestServer.start(TestDatabase.Backend.POSTGRESQL);
        organizer = server.client();
        organizer.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
    }
}
