package org.parley.session;

import org.parley.ApiClient;
import org.parley.TestServer;

/** Signed-in people for session tests. */
public final class Accounts {
    public static final String PASSWORD = "correct horse battery staple 91";

    private Accounts() {
    }

    /** A new account "{firstName} Tester", verified through the mailed link and signed in. */
    static ApiClient signedUp(TestServer server, String firstName, String email) {
        var client = server.client();
        client.registerAndSignIn(server, firstName, "Tester", email, PASSWORD);
        return client;
    }
}
