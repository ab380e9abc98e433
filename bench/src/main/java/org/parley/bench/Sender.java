package org.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.parley.web.Json;

/**
 * The one participant that talks: joins (as the meeting's organizer), admits the receivers as a
 * keyholder would — the relay delivers broadcast DATA only to admitted participants — then sends
 * DATA to everyone at a fixed rate. Each message
 * is stamped with the time it was due, not the time it went out, so a sender that falls behind
 * shows up as latency instead of hiding it. Whatever the relay sends back is read and dropped.
 */
final class Sender implements AutoCloseable {
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final WebSocket socket;
    /** Below the relay's 400 messages a second, so admitting a thousand receivers is not a flood. */
    private static final int ADMITS_PER_SECOND = 300;
    private final CompletableFuture<Integer> id = new CompletableFuture<>();
    private final java.util.concurrent.BlockingQueue<Integer> joined = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile String closed;

    Sender(URI relay, String token) {
        this.socket = http.newWebSocketBuilder().header("Cookie", "parley_session=" + token)
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(relay, new Listener()).join();
        byte[] publicKey = new byte[32];
        new SecureRandom().nextBytes(publicKey);
        String join = "{\"publicKey\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey) + "\"}";
        socket.sendBinary(CODEC.encode(Envelope.of(MessageType.JOIN, 0, 0, join.getBytes(StandardCharsets.UTF_8))), true).join();
        id.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends ADMIT to the first {@code receivers} participants announced after us, at a pace the relay takes. */
    void admit(int receivers) throws InterruptedException {
        long period = TimeUnit.SECONDS.toNanos(1) / ADMITS_PER_SECOND;
        for (int i = 0; i < receivers && closed == null; i++) {
            Integer receiver = joined.poll(60, TimeUnit.SECONDS);
            if (receiver == null) {
                throw new IllegalStateException("only " + i + " of " + receivers + " receivers were announced within 60 s");
            }
            socket.sendBinary(CODEC.encode(Envelope.of(MessageType.ADMIT, id.join(), receiver, new byte[0])), true).join();
            LockSupport.parkNanos(period);
        }
        if (closed != null) {
            throw new IllegalStateException("the relay closed the sender: " + closed);
        }
    }

    /**
     * Sends messages {@code first … last-1} of {@code payloadBytes} each, one every
     * {@code 1/rate} s from now; returns when the last has been handed to the socket.
     */
    void send(long first, long last, int payloadBytes, int rate) {
        byte[] payload = new byte[payloadBytes];
        new SecureRandom().nextBytes(payload);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long seq = first; seq < last && closed == null; seq++) {
            long due = start + (seq - first) * period;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            Stamp.write(payload, seq, due);
            // the envelope is encoded into a fresh buffer, so the stamp of the next one cannot change this one
            socket.sendBinary(CODEC.encode(Envelope.of(MessageType.DATA, id.join(), Envelope.EVERYONE, payload)), true).join();
        }
        if (closed != null) {
            throw new IllegalStateException("the relay closed the sender: " + closed);
        }
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private ByteBuffer partial = ByteBuffer.allocate(0);

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            partial = ByteBuffer.allocate(partial.remaining() + data.remaining()).put(partial).put(data).flip();
            if (last) {
                var envelope = CODEC.decode(partial);
                partial = ByteBuffer.allocate(0);
                if (envelope.type() == MessageType.ROSTER) {
                    roster(envelope);
                }
            }
            return null;
        }

        /** Our id from the snapshot; then who joins, to admit (only rosters come here: receivers send nothing). */
        private void roster(Envelope envelope) {
            try {
                JsonNode roster = Json.MAPPER.readTree(envelope.payloadBytes());
                switch (roster.path("type").asText()) {
                    case "snapshot" -> id.complete(roster.path("you").asInt());
                    case "joined" -> joined.add(roster.path("participant").path("id").asInt());
                    default -> { }
                }
            } catch (IOException e) {
                id.completeExceptionally(e);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = statusCode + " " + reason;
            id.completeExceptionally(new IllegalStateException("closed: " + closed));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = error.toString();
            id.completeExceptionally(error);
        }
    }
}
