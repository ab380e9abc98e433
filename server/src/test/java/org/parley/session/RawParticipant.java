package org.parley.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.parley.ApiClient;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.keys.ParticipantKeyPair;

/**
 * A participant that follows no protocol but the relay's: what a server that injects someone, or
 * a relay working with one, can do. It sends any envelope it likes and records what arrives.
 */
final class RawParticipant implements AutoCloseable {
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
    final ParticipantKeyPair keyPair = ParticipantKeyPair.generate(new java.security.SecureRandom());
    private final WebSocket socket;
    int id;

    RawParticipant(String wsUrl, String cookie) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Cookie", cookie).buildAsync(URI.create(wsUrl), new Listener()).join();
    }

    /** Joins without a proof and returns the snapshot. */
    JsonNode join() {
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(keyPair.publicKey());
        send(MessageType.JOIN, 0, ("{\"publicKey\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        JsonNode snapshot = json(await(e -> e.type() == MessageType.ROSTER && json(e).path("type").asText().equals("snapshot")));
        id = snapshot.path("you").asInt();
        return snapshot;
    }

    void send(MessageType type, int recipient, byte[] payload) {
        socket.sendBinary(CODEC.encode(Envelope.of(type, id, recipient, payload)), true).join();
    }

    Envelope await(Predicate<Envelope> wanted) {
        long deadline = System.nanoTime() + Recorder.DEADLINE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Envelope next = received.poll(50, TimeUnit.MILLISECONDS);
                if (next != null && wanted.test(next)) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no such envelope within " + Recorder.DEADLINE);
    }

    static JsonNode json(Envelope envelope) {
        try {
            return ApiClient.JSON.readTree(envelope.payloadBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + envelope, e);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private ByteBuffer partial = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining()).put(partial).put(data).flip();
            if (last) {
                received.add(CODEC.decode(joined));
                partial = ByteBuffer.allocate(0);
            } else {
                partial = joined;
            }
            webSocket.request(1);
            return null;
        }
    }
}
