package org.parley.relay;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.account.AccountFeature;
import org.parley.account.SignedIn;
import org.parley.config.PublicUrl;
import org.parley.meeting.MeetingFeature;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * The relay's WebSockets: {@code GET /api/v1/meetings/{id}/relay} and one path for each other
 * kind of room (support sessions, machines), each with its {@link RoomGate}. Who may connect is
 * decided at the upgrade, as an HTTP request; a stranger gets the same 404 as for a room that does
 * not exist. A browser must come from this site (Origin), so another site cannot open a relay
 * connection with a visitor's cookie.
 */
public final class RelayFeature implements AutoCloseable {
    private static final String ENTRANT = "parley.relay.entrant";
    private static final String CONNECTION = "parley.relay.connection";
    private final AccountFeature accounts;
    private final java.util.List<RoomGate> gates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final PublicUrl base;
    private final RelayLimits limits;
    private final Relay relay;
    private final RelayCounters counters = new RelayCounters();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("relay-timers").factory());

    public RelayFeature(AccountFeature accounts, MeetingFeature meetings, PublicUrl base, RelayLimits limits, Clock clock) {
        this.accounts = accounts;
        this.base = base;
        this.limits = limits;
        this.relay = new Relay(limits, clock, counters);
        gates.add(new MeetingGate(meetings, clock));
    }

    /** What the relay has carried so far, for the metrics. */
    public RelayCounters counters() {
        return counters;
    }

    /** Rooms with anyone in them now. */
    public int rooms() {
        return relay.rooms();
    }

    /** Connections in rooms now (waiting or admitted). */
    public int participants() {
        return relay.participants();
    }

    /** Envelopes waiting in all receivers' send queues now: a growing number is a relay falling behind. */
    public long queuedMessages() {
        return relay.queuedMessages();
    }

    /** Message size is bounded by Jetty before any of our code reads a byte. */
    public long maxMessageBytes() {
        return limits.maxPayload() + org.parley.protocol.envelope.EnvelopeCodec.HEADER_LENGTH;
    }

    /**
     * README §12, "Media flow control": the send buffer each accepted socket gets, so that a slow
     * receiver's backlog waits in the relay's queue, where media can be dropped, rather than in the
     * kernel, where it cannot.
     */
    public int socketSendBuffer() {
        return limits.media().socketSendBuffer();
    }

    /** Adds a kind of room; call before {@link #registerRoutes}. */
    public void addGate(RoomGate gate) {
        gates.add(gate);
    }

    public void registerRoutes(RoutesConfig routes) {
        for (RoomGate gate : gates) {
            register(routes, gate);
        }
    }

    private void register(RoutesConfig routes, RoomGate gate) {
        routes.wsBeforeUpgrade(gate.path(), ctx -> authorize(ctx, gate));
        routes.ws(gate.path(), ws -> {
            ws.onConnect(this::connected);
            ws.onBinaryMessage(ctx -> {
                ByteBuffer data = ctx.data();
                // one copy, owned by us: Jetty may reuse its buffer, and every recipient shares this one
                byte[] copy = new byte[data.remaining()];
                data.duplicate().get(copy);
                relay.receive(connection(ctx), ByteBuffer.wrap(copy).asReadOnlyBuffer());
            });
            ws.onMessage(ctx -> connection(ctx).close(Failure.INVALID_INPUT, "The relay takes binary messages only."));
            ws.onClose(ctx -> relay.closed(connection(ctx), ctx.status()));
        });
    }

    private void authorize(Context ctx, RoomGate gate) {
        if (!sameSite(ctx.header("Origin"), ctx)) {
            throw new ParleyException(Failure.FORBIDDEN, "Connections to the relay must come from this site.");
        }
        UUID roomId;
        try {
            roomId = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException malformed) {
            throw ParleyException.notFound();
        }
        var account = accounts.guard().current(ctx).map(SignedIn::account);
        ctx.attribute(ENTRANT, gate.admit(ctx, roomId, account));
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
        Entrant entrant = ctx.attribute(ENTRANT);
        var connection = new Connection(ctx, entrant, limits, counters, System.nanoTime());
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

    /** Participants present in a room on this node. */
    public int present(UUID roomId) {
        return relay.present(roomId);
    }

    /**
     * Closes the connections in a room whose entrant matches, with a reason they can show (access
     * revoked, session ended, session transferred). Returns how many were closed.
     */
    public int evict(UUID roomId, java.util.function.Predicate<Entrant> who, Failure failure, String reason) {
        return relay.evict(roomId, who, failure, reason);
    }

    /** Every room on this node now, metadata only (the operator's page). */
    public java.util.List<LiveRoom> liveRooms() {
        return relay.liveRooms();
    }

    /** Closes every relay connection of an account on this node, with a reason it can show. */
    public int evictAccount(UUID accountId, Failure failure, String reason) {
        return relay.evictAccount(accountId, failure, reason);
    }

    /** Ends every connection (recording the leaves) before the web server and the database stop. */
    @Override
    public void close() {
        relay.shutdown();
        timers.shutdownNow();
    }
}
