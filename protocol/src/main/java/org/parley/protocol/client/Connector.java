package org.parley.protocol.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.keys.InvitationSecret;

/**
 * How to open a {@link SessionClient}: the relay's WebSocket address, the headers that
 * authenticate the upgrade (e.g. {@code Cookie: parley_session=…}), the invitation secret {@code k}
 * when the link carried one, and the listener. Not thread-safe; use it on one thread, then discard.
 */
public final class Connector {
    private static final Pattern MEETING = Pattern.compile("/meetings/([0-9a-fA-F-]{36})/relay$");
    private final URI relay;
    final Map<String, String> headers = new LinkedHashMap<>();
    UUID meetingId;
    InvitationSecret invitation;
    SessionListener listener = event -> { };
    Consumer<Envelope> observer = envelope -> { };
    Duration organizerWait = Duration.ofSeconds(2);
    Duration timeout = Duration.ofSeconds(10);
    SecureRandom random = new SecureRandom();
    HttpClient http;
    boolean opensMedia = true;
    boolean admitsVouchedInvitees;

    Connector(URI relay) {
        this.relay = Objects.requireNonNull(relay, "relay");
        Matcher m = MEETING.matcher(relay.getPath() == null ? "" : relay.getPath());
        if (m.find()) {
            this.meetingId = UUID.fromString(m.group(1));
        }
    }

    /** Adds a header to the WebSocket upgrade request. */
    public Connector header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The meeting (session) id, when the address does not end in {@code /meetings/{id}/relay}. */
    public Connector meetingId(UUID id) {
        this.meetingId = Objects.requireNonNull(id, "id");
        return this;
    }

    /** The link's secret {@code k}: we prove it in our JOIN, and as keyholder admit those who prove it. */
    public Connector invitation(InvitationSecret k) {
        this.invitation = Objects.requireNonNull(k, "k");
        return this;
    }

    /** Who receives the session's events. */
    public Connector listener(SessionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Sees every envelope as it arrives, before the session handles it: ciphertext, for diagnostics and tests. */
    public Connector observer(Consumer<Envelope> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** How long an organizer that is not alone waits for signs of a keyholder before it starts one (README §8: 2 s). */
    public Connector organizerWait(Duration wait) {
        this.organizerWait = Objects.requireNonNull(wait, "wait");
        return this;
    }

    /** Deadline for the WebSocket upgrade and for the relay's snapshot. */
    public Connector timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** The HTTP client to open the WebSocket with (default: a new one). */
    public Connector httpClient(HttpClient client) {
        this.http = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * As keyholder, also let in an invitee the roster marks {@code "vouched":"signed-in-invitee"}
     * (README §8): the server says the meeting's organizer chose to let signed-in invitees in
     * without a click. This trusts the server — a hostile one could vouch for anyone and so hand
     * them the key — which the browser, running the server's code anyway, adds nothing to, but a
     * client that does not trust the server must not do: off unless called. The desktop agent never
     * calls it.
     */
    public Connector admitVouchedInvitees() {
        this.admitsVouchedInvitees = true;
        return this;
    }

    /**
     * For a participant that shows no one's media (the desktop agent, which presents; a load
     * generator): MEDIA envelopes are not opened, so ten voices and their cameras cost it no
     * decryption. The {@link #observer} still sees them. DATA (chat, requests, input) opens as always.
     */
    public Connector ignoreMedia() {
        this.opensMedia = false;
        return this;
    }

    /**
     * Opens the WebSocket, sends our JOIN and waits for the relay's snapshot.
     *
     * @throws SessionException if the upgrade is refused, the connection fails, or no snapshot
     *     arrives within the timeout
     */
    public SessionClient connect() {
        if (meetingId == null) {
            throw new IllegalStateException("no meeting id: the address " + relay
                    + " does not end in /meetings/{id}/relay; call meetingId()");
        }
        return SessionClient.open(relay, this);
    }
}
