package org.parley.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.parley.ApiClient;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;

/**
 * A participant's relay connection in a test: the JDK WebSocket client, recording what arrives.
 * Public for the session tests, whose raw participants speak the relay's protocol and nothing more.
 */
public final class RelayClient implements AutoCloseable {
    static final EnvelopeCodec CODEC = new EnvelopeCodec();
    public final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason = "";
    final byte[] publicKey = new byte[32];
    private final WebSocket socket;
    private final boolean reading;
    /** Nanoseconds to wait before asking for the next message: a viewer on a slow link or a slow machine. */
    private final long pauseNanos;
    /** When above 0, the wait after each message is its size at this many bytes a second instead: a slow link. */
    private final long bytesPerSecond;
    int id;

    private RelayClient(String wsUrl, Map<String, String> headers, boolean reading) {
        this(wsUrl, headers, reading, Duration.ZERO);
    }

    private RelayClient(String wsUrl, Map<String, String> headers, boolean reading, Duration pause) {
        this(wsUrl, headers, reading, pause, 0);
    }

    private RelayClient(String wsUrl, Map<String, String> headers, boolean reading, Duration pause, long bytesPerSecond) {
        new SecureRandom().nextBytes(publicKey);
        this.reading = reading;
        this.pauseNanos = pause.toNanos();
        this.bytesPerSecond = bytesPerSecond;
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(wsUrl), new Listener()).join();
    }

    static RelayClient connect(String baseUrl, String meetingId, ApiClient as) {
        return new RelayClient(url(baseUrl, meetingId, ""), cookies(as), true);
    }

    /** A client that never reads: its messages pile up on the server's side. */
    static RelayClient connectWithoutReading(String baseUrl, String meetingId, ApiClient as) {
        return new RelayClient(url(baseUrl, meetingId, ""), cookies(as), false);
    }

    /** A client that reads one message, then waits {@code pause} before it takes the next. */
    static RelayClient connectReadingSlowly(String baseUrl, String meetingId, ApiClient as, Duration pause) {
        return new RelayClient(url(baseUrl, meetingId, ""), cookies(as), true, pause);
    }

    /** A client that reads as a link of {@code bytesPerSecond} would: after each message, its size's worth of time. */
    static RelayClient connectReadingAt(String baseUrl, String meetingId, ApiClient as, long bytesPerSecond) {
        return new RelayClient(url(baseUrl, meetingId, ""), cookies(as), true, Duration.ZERO, bytesPerSecond);
    }

    /** Whether the server has closed (or we lost) the connection. */
    boolean closed() {
        return closeCode.isDone();
    }

    public static RelayClient connect(String wsUrl, Map<String, String> headers) {
        return new RelayClient(wsUrl, headers, true);
    }

    static String url(String baseUrl, String meetingId, String query) {
        return baseUrl.replace("http://", "ws://") + "/api/v1/meetings/" + meetingId + "/relay" + query;
    }

    public static Map<String, String> cookies(ApiClient as) {
        return as.cookie("parley_session").map(token -> Map.of("Cookie", "parley_session=" + token)).orElse(Map.of());
    }

    /** The HTTP status the upgrade was refused with. */
    public static int refusal(String wsUrl, Map<String, String> headers) {
        try {
            new RelayClient(wsUrl, headers, true).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends JOIN and waits for the snapshot that names our id. */
    public JsonNode join() {
        return join(publicKey);
    }

    /** Sends JOIN with the given X25519 public key and waits for the snapshot that names our id. */
    public JsonNode join(byte[] publicKey) {
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
        send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        JsonNode snapshot = json(await(e -> e.type() == MessageType.ROSTER && json(e).path("type").asText().equals("snapshot")));
        id = snapshot.path("you").asInt();
        return snapshot;
    }

    /** Our participant id in the room, once {@link #join} returned. */
    public int id() {
        return id;
    }

    public void send(MessageType type, int recipient, byte[] payload) {
        sendRaw(CODEC.encode(Envelope.of(type, id, recipient, payload)));
    }

    /** Sends unless the connection is already closed; false once the server has cut it off. */
    boolean trySend(MessageType type, int recipient, byte[] payload) {
        try {
            send(type, recipient, payload);
            return true;
        } catch (CompletionException closed) {
            return false;
        }
    }

    void sendRaw(ByteBuffer bytes) {
        socket.sendBinary(bytes, true).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public Envelope await(Predicate<Envelope> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                Envelope next = received.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && wanted.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no such message within 10 s; closed: " + closeCode.getNow(null) + " " + closeReason);
    }

    /**
     * Everything that arrived up to and including the first envelope {@code marker} accepts: what
     * a sender sent before the marker is in the list if the relay delivered it, as the relay sends
     * one sender's messages to one recipient in order.
     */
    java.util.List<Envelope> until(Predicate<Envelope> marker) {
        var seen = new java.util.ArrayList<Envelope>();
        await(e -> {
            seen.add(e);
            return marker.test(e);
        });
        return seen;
    }

    /** The reason the server gave when it closed the connection (empty while open). */
    public String closeReason() {
        return closeReason;
    }

    public int awaitClose() {
        return closeCode.orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static JsonNode json(Envelope envelope) {
        try {
            return ApiClient.JSON.readTree(envelope.payloadBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + envelope, e);
        }
    }

    /** The network drops: the connection ends without a goodbye or a close frame. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        drop();
    }

    private final class Listener implements WebSocket.Listener {
        private ByteBuffer partial = ByteBuffer.allocate(0);

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining()).put(partial).put(data).flip();
            if (last) {
                received.add(CODEC.decode(joined));
                partial = ByteBuffer.allocate(0);
            } else {
                partial = joined;
            }
            long pause = bytesPerSecond > 0 ? joined.capacity() * 1_000_000_000L / bytesPerSecond : pauseNanos;
            if (last && pause > 0) {
                CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS).execute(() -> webSocket.request(1));
            } else {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = error.toString();
            closeCode.complete(1006);
        }
    }
}
