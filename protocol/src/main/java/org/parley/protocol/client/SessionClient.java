package org.parley.protocol.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.envelope.RelayStatus;
import org.parley.protocol.keys.InputKey;
import org.parley.protocol.keys.InvitationSecret;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.keys.SessionKeys;
import org.parley.protocol.keys.VerificationCode;

/**
 * One participant in one end-to-end encrypted session, over the relay's WebSocket (protocol README
 * §8). It joins with a fresh X25519 key pair (and the admission proof when it has the link's
 * {@code k}), tracks the roster, and when it holds the keys does the keyholder's duties: starts
 * epoch 0 as an organizer that finds no keyholder, admits by proof, by {@link #admit(int)}, or —
 * only when its user opted in with {@link Connector#admitVouchedInvitees()} — as a signed-in
 * invitee the server vouches for (roster {@code "vouched"}),
 * ratchets on every admit, makes a fresh epoch when a member leaves, and takes over when the
 * keyholder leaves. Chat and other content are sealed with SFrame; the relay sees only ciphertext.
 *
 * <p>Thread-safe. Events reach the {@link SessionListener} one at a time, in order. What cannot be
 * used (a malformed envelope, a frame that does not open, a stale or foreign KEY) is dropped and
 * counted, never thrown. Open one with {@code SessionClient.connector(uri)…connect()}.
 */
public final class SessionClient implements AutoCloseable {
    private static final int OUTBOX_LIMIT = 1024;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final UUID meetingId;
    private final Duration timeout;
    private final CompletableFuture<Integer> joined = new CompletableFuture<>();
    private final CompletableFuture<SessionEvent.Closed> closed = new CompletableFuture<>();
    private final Session session;
    private volatile WebSocket socket;
    private volatile Outbox outbox;

    private SessionClient(Connector settings) {
        this.meetingId = settings.meetingId;
        this.timeout = settings.timeout;
        SessionListener user = settings.listener;
        var dispatcher = new Dispatcher(event -> {
            switch (event) {
                case SessionEvent.Joined j -> joined.complete(j.you());
                case SessionEvent.Closed c -> closed.complete(c);
                default -> { }
            }
            user.on(event);
        });
        var keyPair = ParticipantKeyPair.generate(settings.random);
        var state = new SessionState(keyPair, settings.invitation, meetingId, settings.random,
                envelope -> outbox.send(codec.encode(envelope)), dispatcher);
        state.opensMedia = settings.opensMedia;
        state.admitsVouchedInvitees = settings.admitsVouchedInvitees;
        long waitMillis = settings.organizerWait.toMillis();
        this.session = new Session(state, task -> CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS)
                .execute(task));
    }

    /** Starts describing a connection to the relay at {@code relay} ({@code ws://…/meetings/{id}/relay}). */
    public static Connector connector(URI relay) {
        return new Connector(relay);
    }

    static SessionClient open(URI relay, Connector settings) {
        var client = new SessionClient(settings);
        var receiver = new Receiver(client.codec, settings.observer, client.session, client::ended);
        HttpClient http = settings.http != null ? settings.http : HttpClient.newHttpClient();
        var builder = http.newWebSocketBuilder().connectTimeout(settings.timeout);
        settings.headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(relay, receiver).get(settings.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new SessionException("cannot open the relay connection to " + relay.getPath() + ": "
                    + (failed.getCause() != null ? failed.getCause() : failed), failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while connecting", e);
        }
        client.outbox = new Outbox(client.socket, OUTBOX_LIMIT);
        client.join(settings.invitation, receiver);
        return client;
    }

    private void join(InvitationSecret k, Receiver receiver) {
        byte[] publicKey = session.publicKey();
        Optional<byte[]> proof = k == null ? Optional.empty() : Optional.of(k.proof(meetingId, publicKey));
        outbox.send(codec.encode(Envelope.of(MessageType.JOIN, 0, Envelope.EVERYONE, Control.join(publicKey, proof))));
        receiver.start(socket);
        try {
            CompletableFuture.anyOf(joined, closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            socket.abort();
            throw new SessionException("no roster snapshot from the relay within " + timeout, failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
            throw new SessionException("interrupted while joining", e);
        }
        if (!joined.isDone()) {
            SessionEvent.Closed c = closed.join();
            throw new SessionException("the relay closed the connection before we joined: " + c.code() + " "
                    + c.reason(), null);
        }
    }

    private void ended(SessionEvent.Closed how) {
        session.closed(how);
    }

    /** Our session-local participant id. */
    public int id() {
        return session.id();
    }

    /** The meeting this session belongs to (the HPKE and proof session id). */
    public UUID meetingId() {
        return meetingId;
    }

    /** Everyone present, us included, as the relay's roster says. */
    public List<Participant> participants() {
        return session.participants();
    }

    /** Keyholder only: who waits to be admitted by hand. */
    public List<Participant> waiting() {
        return session.waiting();
    }

    /** The current epoch's members and verification code; empty until we are admitted. */
    public Optional<Membership> membership() {
        return session.membership();
    }

    /**
     * The verification code (README §6) to compare out of band; it changes with every epoch, and is
     * empty from a new key's arrival until its members message says who holds it.
     */
    public Optional<VerificationCode> verificationCode() {
        return session.verificationCode();
    }

    /** Whether we hand out the keys now. */
    public boolean holdsKeys() {
        return session.holdsKeys();
    }

    /**
     * Our end-to-end keys (empty before the snapshot). For diagnostics and tests: to show that a
     * participant who left cannot open what was sealed after.
     */
    public Optional<SessionKeys> keys() {
        return session.keys();
    }

    /** How many envelopes we dropped: frames that did not open, foreign or stale KEYs, malformed messages. */
    public long dropped() {
        return session.dropped();
    }

    /**
     * As keyholder, lets waiting participant {@code id} in (the waiting room's "Admit").
     *
     * @throws IllegalStateException if we do not hold the keys or {@code id} is not waiting
     */
    public void admit(int id) {
        session.admit(id);
    }

    /**
     * Sends a chat message to everyone.
     *
     * @throws IllegalStateException before we are admitted
     * @throws IllegalArgumentException if the text is longer than 4,000 characters
     */
    public void sendChat(String text) {
        session.sendChat(Envelope.EVERYONE, text);
    }

    /** Sends a chat message to participant {@code to} alone (sealed with the group key, README §8). */
    public void sendChat(String text, int to) {
        session.sendChat(to, text);
    }

    /**
     * Sends other content (kinds 0x10–0x3f: screen sharing and control, voice and webcams, support tools) to
     * everyone ({@code to} = 0) or one participant.
     */
    public void sendContent(int kind, byte[] body, int to) {
        checkKind(kind);
        session.send(to, Content.withKind(kind, body));
    }

    /**
     * Sends as {@link #sendContent}, but only sealed in epoch {@code epoch}: once a newer key has
     * arrived it throws instead, because we do not yet know who else holds that key (the members
     * message follows the key). What is meant only for people we approved is sent this way.
     *
     * @throws IllegalStateException if the current epoch is not {@code epoch}, or as {@link #sendContent}
     */
    public void sendContentIn(long epoch, int kind, byte[] body, int to) {
        checkKind(kind);
        session.sendIn(epoch, to, Content.withKind(kind, body));
    }

    /**
     * Sends screen content (kinds 0x10–0x1f), an audio frame (0x20) or a camera chunk (0x21) as MEDIA
     * (README §12, "Media flow control"): the relay may drop it for a receiver that is behind,
     * deciding by {@code mark} alone ({@link org.parley.protocol.envelope.MediaMark}). Only content
     * that a later refresh point replaces, or that is stale once late (voice), goes this way; grants,
     * requests, input and media state go by {@link #sendContent}.
     *
     * @throws IllegalArgumentException for any other kind (receivers drop it as {@code malformed-content})
     */
    public void sendMedia(int kind, byte[] body, int to, int mark) {
        checkMediaKind(kind);
        session.sendMedia(to, mark, Content.withKind(kind, body));
    }

    /** As {@link #sendMedia}, sealed only in {@code epoch} (see {@link #sendContentIn}). */
    public void sendMediaIn(long epoch, int kind, byte[] body, int to, int mark) {
        checkMediaKind(kind);
        session.sendMediaIn(epoch, to, mark, Content.withKind(kind, body));
    }

    private static void checkKind(int kind) {
        if (!Content.application(kind)) {
            throw new IllegalArgumentException("content kind must be 0x10–0x3f, got " + kind);
        }
    }

    private static void checkMediaKind(int kind) {
        if (!Content.media(kind)) {
            throw new IllegalArgumentException("a MEDIA carries kinds 0x10–0x1f, 0x20 or 0x21, got " + kind);
        }
    }

    /**
     * Sends an access-handshake message (README §10) to participant {@code to}: a plain envelope, not
     * sealed, so it works before anyone is admitted. Answers arrive as
     * {@link SessionEvent.HandshakeReceived}.
     *
     * @param json the message's UTF-8 JSON, at most {@link MessageType#HANDSHAKE_MAX_PAYLOAD} bytes
     * @throws IllegalArgumentException if {@code to} is 0 (everyone) or ourselves, or the message is too long
     * @throws IllegalStateException before the relay's snapshot or after the connection ended
     */
    public void sendHandshake(int to, byte[] json) {
        if (to == Envelope.EVERYONE) {
            throw new IllegalArgumentException("a handshake goes to one participant, got 0 (everyone)");
        }
        if (json.length > MessageType.HANDSHAKE_MAX_PAYLOAD) {
            throw new IllegalArgumentException("a handshake message is at most " + MessageType.HANDSHAKE_MAX_PAYLOAD
                    + " bytes, got " + json.length);
        }
        session.sendHandshake(to, json);
    }

    /**
     * How many messages wait to be handed to the network. A sender of a stream (screen frames) skips
     * a frame while this is above zero, rather than fill the queue: a connection whose queue
     * overflows is aborted.
     */
    public int pendingSends() {
        Outbox current = outbox;
        return current == null ? 0 : current.waiting();
    }

    /** Says goodbye (LEAVE) and waits, up to the timeout, for the relay to close the connection. */
    public void leave() {
        if (!closed.isDone()) {
            try {
                session.leave();
                closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | CompletionException | IllegalStateException notCleanly) {
                socket.abort();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                socket.abort();
            }
        }
        session.closed(new SessionEvent.Closed(RelayStatus.NORMAL.closeCode(), "left"));
    }

    /** Whether the connection has ended. */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Leaves if still connected. */
    @Override
    public void close() {
        leave();
    }

    /**
     * The key that authenticates input events between presenter {@code presenterId} and controller
     * {@code controllerId} (README §9.1), from our JOIN private key and the other's public key in the
     * roster. Only the two of them can compute it; the private key never leaves this client.
     *
     * @throws IllegalArgumentException if we are neither of the two, or either is not present
     */
    public InputKey inputKey(int presenterId, int controllerId) {
        List<Participant> present = participants();
        Participant presenter = present.stream().filter(p -> p.id() == presenterId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("presenter " + presenterId + " is not present"));
        Participant controller = present.stream().filter(p -> p.id() == controllerId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("controller " + controllerId + " is not present"));
        if (presenterId != id() && controllerId != id()) {
            throw new IllegalArgumentException("participant " + id() + " is neither presenter " + presenterId
                    + " nor controller " + controllerId);
        }
        return session.inputKey(presenter, controller);
    }
}
