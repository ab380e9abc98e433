package org.parley.web.ui;

import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.parley.ApiClient;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;
import org.parley.protocol.keys.InvitationSecret;

/** A participant who joins the browsers' session from Java, as an agent would, with the invitation link's k. */
final class JavaParticipant {
    private JavaParticipant() {
    }

    /** Joins meeting {@code id} as the signed-in {@code account}; every event goes to {@code events}, then to {@code listener}. */
    static SessionClient join(TestServer server, String id, ApiClient account, String k,
            BlockingQueue<SessionEvent> events, SessionListener listener) {
        return SessionClient.connector(URI.create(server.baseUrl().replace("http://", "ws://") + "/api/v1/meetings/" + id + "/relay"))
                .header("Cookie", "parley_session=" + account.cookie("parley_session").orElseThrow())
                .invitation(InvitationSecret.fromFragment(k))
                .listener(event -> {
                    events.add(event);
                    listener.on(event);
                })
                .connect();
    }

    /** Waits, up to 10 s, for the Java client to reach a state; each event it reports is a moment to look again. */
    static void eventually(BlockingQueue<SessionEvent> events, String what, BooleanSupplier reached)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what + "; last events: " + List.copyOf(events));
            }
            events.poll(100, TimeUnit.MILLISECONDS);
        }
    }
}
