package org.parley.protocol.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MalformedEnvelopeException;
import org.parley.protocol.envelope.RelayStatus;

/**
 * Reads the relay's WebSocket: joins message fragments (up to the codec's size limit), decodes
 * each message into an envelope and hands it to the session. It asks for the next message only
 * when the session is done with this one, so nothing queues up in between.
 */
final class Receiver implements WebSocket.Listener {
    private final EnvelopeCodec codec;
    private final Consumer<Envelope> observer;
    private final Session session;
    private final Consumer<SessionEvent.Closed> ended;
    private final AtomicBoolean started = new AtomicBoolean();
    private ByteBuffer partial = ByteBuffer.allocate(0);
    private boolean oversized;

    Receiver(EnvelopeCodec codec, Consumer<Envelope> observer, Session session, Consumer<SessionEvent.Closed> ended) {
        this.codec = codec;
        this.observer = observer;
        this.session = session;
        this.ended = ended;
    }

    /** Starts reading once our JOIN is on its way, so the snapshot cannot overtake it. */
    void start(WebSocket socket) {
        if (started.compareAndSet(false, true)) {
            socket.request(1);
        }
    }

    @Override
    public void onOpen(WebSocket socket) {
        // reading starts in start(): the client must have its outbox before the first answer
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        int limit = EnvelopeCodec.HEADER_LENGTH + codec.maxPayload();
        if (!oversized && partial.remaining() + data.remaining() <= limit) {
            partial = ByteBuffer.allocate(partial.remaining() + data.remaining()).put(partial).put(data).flip();
        } else {
            oversized = true;
            partial = ByteBuffer.allocate(0);
        }
        if (last) {
            ByteBuffer message = partial;
            partial = ByteBuffer.allocate(0);
            if (oversized) {
                oversized = false;
                session.dropMalformed("a message over " + limit + " bytes");
            } else {
                handle(message);
            }
        }
        socket.request(1);
        return null;
    }

    private void handle(ByteBuffer message) {
        Envelope envelope;
        try {
            envelope = codec.decode(message);
        } catch (MalformedEnvelopeException malformed) {
            session.dropMalformed(malformed.getMessage());
            return;
        }
        observer.accept(envelope);
        session.receive(envelope);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        if (last) {
            session.dropMalformed("a text message (the relay speaks binary)");
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        ended.accept(new SessionEvent.Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        ended.accept(new SessionEvent.Closed(RelayStatus.ABNORMAL.closeCode(), String.valueOf(error)));
    }
}
