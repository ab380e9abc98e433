package org.parley.relay;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.account.AccountFeature;
import org.parley.account.SignedIn;
import org.parley.config.PublicUrl;
import org.parley.meeting.Attendee;
import org.parley.meeting.MeetingFeature;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * {@code GET /api/v1/meetings/{id}/relay} (WebSocket). Who may connect is decided at the upgrade,
 * as an HTTP request: a signed-in organizer, invitee or registrant, or an approved registrant's
 * personal token ({@code ?registration=}); anyone else gets the same 404 as for a meeting that
 * does not exist. A browser must come from this site (Origin), so another site cannot open a
 * relay connection with a visitor's cookie.
 */
public final class RelayFeature implements AutoCloseable {
    static final String PATH = "/api/v1/meetings/{id}/relay";
    private static final String ATTENDEE = "parley.relay.attendee";
    private static final String CONNECTION = "parley.relay.connection";
    private final AccountFeature accounts;
    private final MeetingFeature meetings;
    private final PublicUrl base;
    private final RelayLimits limits;
    private final Relay relay;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("relay-timers").factory());

    public RelayFeature(AccountFeature accounts, MeetingFeature meetings, PublicUrl base, RelayLimits limits, Clock clock) {
        this.accounts = accounts;
        this.meetings = meetings;
        this.base = base;
        this.limits = limits;
        this.relay = new Relay(limits, meetings.attendance(), clock);
    }

    /** Message size is bounded by Jetty before any of our code reads a byte. */
    public long maxMessageBytes() {
        return limits.maxPayload() + org.parley.protocol.envelope.EnvelopeCodec.HEADER_LENGTH;
    }

    public void registerRoutes(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::authorize);
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onBinaryMessage(ctx -> {
                ByteBuffer data = ctx.data();
                // one copy, owned by us: Jetty may reuse its buffer, and every recipient shares this one
                byte[] copy = new byte[data.remaining()];
                data.duplicate().get(copy);
                relay.receive(connection(ctx), ByteBuffer.wrap(copy).asReadOnlyBuffer());
            });
            ws.onMessage(ctx -> connection(ctx).close(Failure.INVALID_INPUT, "The relay takes binary messages only."));
            ws.onClose(ctx -> relay.closed(connection(ctx)));
        });
    }

    private void authorize(Context ctx) {
        if (!sameSite(ctx.header("Origin"), ctx)) {
            throw new ParleyException(Failure.FORBIDDEN, "Connections to the relay must come from this site.");
        }
        UUID meetingId;
        try {
            meetingId = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException malformed) {
            throw ParleyException.notFound();
        }
        var account = accounts.guard().current(ctx).map(SignedIn::account);
        Attendee attendee = meetings.attendee(meetingId, account, Optional.ofNullable(ctx.queryParam("registration")))
                .orElseThrow(() -> account.isEmpty() && ctx.queryParam("registration") == null
                        ? ParleyException.unauthenticated() : ParleyException.notFound());
        ctx.attribute(ATTENDEE, attendee);
    }

    /** No Origin: not a browser (the agent, a test). Otherwise it must be this server's origin. */
    private boolean sameSite(String origin, Context ctx) {
        if (origin == null) {
            return true;
        }
        try {
            URI from = URI.create(origin);
            URI publicUrl = base.get();
            boolean matchesPublic = from.getScheme().equalsIgnoreCase(publicUrl.getScheme())
                    && from.getHost().equalsIgnoreCase(publicUrl.getHost()) && port(from) == port(publicUrl);
            String host = ctx.header("Host");
            boolean matchesHost = host != null && host.equalsIgnoreCase(from.getAuthority());
            return matchesPublic || matchesHost;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private void connected(WsContext ctx) {
        Attendee attendee = ctx.attribute(ATTENDEE);
        var connection = new Connection(ctx, attendee, limits, System.nanoTime());
        ctx.attribute(CONNECTION, connection);
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        timers.schedule(() -> {
            if (!connection.joined()) {
                connection.close(Failure.INVALID_INPUT, "No JOIN within " + limits.joinTimeout().toSeconds() + " seconds.");
            }
        }, limits.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Connection connection(WsContext ctx) {
        return ctx.attribute(CONNECTION);
    }

    /** Participants present in a meeting on this node. */
    public int present(UUID meetingId) {
        return relay.present(meetingId);
    }

    /** Ends every connection (recording the leaves) before the web server and the database stop. */
    @Override
    public void close() {
        relay.shutdown();
        timers.shutdownNow();
    }
}
