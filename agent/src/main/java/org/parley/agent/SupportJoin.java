package org.parley.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.parley.agent.support.AssistedSession;
import org.parley.agent.support.SupportTicket;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionException;

/**
 * Redeeming a support key and running the session it opens, shared by {@code support <key>} and
 * the key window: both must behave the same once the key is given. A failure before the session
 * starts (key refused, server unreachable, relay refused) is a {@link NotJoined} the caller shows
 * as it can — a line on the terminal, or a message in the window so the person can try again.
 */
final class SupportJoin {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The session was not joined; {@code getMessage()} is a sentence for the person. */
    static final class NotJoined extends Exception {
        NotJoined(String message) {
            super(message);
        }
    }

    private final Desktop desktop;
    private final HttpClient http;
    private final int fps;

    SupportJoin(Desktop desktop, HttpClient http, int fps) {
        this.desktop = desktop;
        this.http = http;
        this.fps = fps;
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /**
     * Redeems {@code key} (nine digits) on {@code server}, joins the session, tells {@code joined}
     * and runs the session until it ends, then shows the customer its record (printed, saved to
     * {@code record} if given, in a window where there is a display); returns the session's exit code.
     */
    int run(URI server, String key, Optional<String> name, PrintWriter out, PrintWriter err, Optional<java.nio.file.Path> record,
            Runnable joined) throws Exception {
        SupportTicket ticket;
        try {
            ticket = SupportTicket.redeem(http, server, key, name);
            AgentLog.info("support key redeemed: session " + ticket.sessionId());
        } catch (SupportTicket.Refused refused) {
            AgentLog.warn("support key refused: " + refused.getMessage());
            throw new NotJoined(refused.getMessage());
        } catch (IOException e) {
            throw new NotJoined("cannot reach " + server + ": " + e.getMessage());
        }
        // the ticket opens the relay again after a lost connection, for as long as the session lasts
        AssistedSession.Connector connector = listener -> SessionClient.connector(ticket.relay()).meetingId(ticket.sessionId())
                .httpClient(http).timeout(TIMEOUT).ignoreMedia().listener(listener).connect(); // it plays no voice: the technician's is not opened
        var session = new AssistedSession(ticket, connector, fps, desktop.capture(), desktop.injector(), desktop.area(), out);
        SessionClient client;
        try {
            client = session.connect();
        } catch (SessionException e) {
            throw new NotJoined(e.getMessage());
        }
        AgentLog.info("joined the support session's relay");
        joined.run();
        var shown = new RecordShown(session.record(), out, err);
        // Ctrl-C waits for the record to be printed and saved too, not only for the session to end
        int status = CtrlC.around(session::stop, timeout -> session.awaitEnd(timeout) && shown.awaitKept(timeout),
                () -> session.run(client));
        shown.show(record);
        return status;
    }
}
