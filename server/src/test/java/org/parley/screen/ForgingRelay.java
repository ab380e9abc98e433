package org.parley.screen;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameHeader;

/**
 * A hostile server in front of the real one, for one client: a loopback TCP proxy that passes HTTP
 * through and, once a connection is upgraded to a WebSocket (RFC 6455), forwards whole frames both
 * ways, so a test can slip forged server messages to the client between them ({@link #forge}) and
 * read which envelopes the client sent ({@link #sent}).
 */
final class ForgingRelay implements AutoCloseable {
    /** One envelope the client sent up; for DATA and MEDIA, the epoch its SFrame header names (else -1). */
    record Sent(MessageType type, int recipient, long epoch) {
    }

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private final ServerSocket listening;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile Down latest; // the newest WebSocket's way down to the client

    ForgingRelay(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("forging-relay-accept").start(this::accept);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** The envelopes the client has sent over WebSocket connections so far, in order. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Sends {@code envelope} to the client on its newest WebSocket, as if the relay had. */
    void forge(Envelope envelope) throws IOException {
        Down down = latest;
        if (down == null) {
            throw new IllegalStateException("no WebSocket connection yet");
        }
        ByteBuffer encoded = CODEC.encode(envelope);
        byte[] payload = new byte[encoded.remaining()];
        encoded.get(payload);
        down.inject(payload);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                // per request on a kept-alive connection, whether it asks for a WebSocket (an h2c upgrade gets a 101 too)
                var upgrades = new LinkedBlockingQueue<Boolean>();
                Thread.ofPlatform().daemon().name("forging-relay-up").start(() -> up(client, server, upgrades));
                Thread.ofPlatform().daemon().name("forging-relay-down").start(() -> down(server, client, upgrades));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void up(Socket client, Socket server, BlockingQueue<Boolean> upgrades) {
        try (var in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
             OutputStream out = server.getOutputStream()) {
            while (true) {
                String head = head(in, out);
                boolean websocket = head.toLowerCase(Locale.ROOT).contains("upgrade: websocket");
                upgrades.add(websocket);
                if (websocket) {
                    break;
                }
                body(head, false, in, out);
            }
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                Frame frame = Frame.read(in);
                out.write(frame.raw());
                out.flush();
                if (frame.data()) {
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        record(message.toByteArray());
                        message.reset();
                    }
                }
            }
        } catch (IOException closed) {
            // either side hung up
        } finally {
            close(client);
            close(server);
        }
    }

    private void record(byte[] message) {
        try {
            Envelope envelope = CODEC.decode(ByteBuffer.wrap(message));
            sent.add(new Sent(envelope.type(), envelope.recipient(), epochOf(envelope)));
        } catch (RuntimeException notAnEnvelope) {
            sent.add(new Sent(null, -1, -1));
        }
    }

    private static long epochOf(Envelope envelope) {
        if (envelope.type() != MessageType.DATA && envelope.type() != MessageType.MEDIA) {
            return -1;
        }
        byte[] frame = envelope.payloadBytes();
        int start = envelope.type() == MessageType.MEDIA ? 1 : 0; // README §12: MEDIA's clear mark byte first
        try {
            return SFrameHeader.decode(frame, start, frame.length - start).kid() >>> 16; // README §3: KID = epoch * 65536 + sender
        } catch (SFrameException malformed) {
            return -1;
        }
    }

    private void down(Socket server, Socket client, BlockingQueue<Boolean> upgrades) {
        try (var in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
             OutputStream out = client.getOutputStream()) {
            while (true) {
                String head = head(in, out);
                if (upgrades.take() && head.startsWith("HTTP/1.1 101")) {
                    break;
                }
                body(head, true, in, out);
            }
            Down down = new Down(out);
            latest = down;
            while (true) {
                down.pass(Frame.read(in));
            }
        } catch (IOException closed) {
            // either side hung up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(client);
            close(server);
        }
    }

    /** Copies the body that follows {@code head}: Content-Length bytes, chunks, or (a response) up to the close. */
    private static void body(String head, boolean response, InputStream in, OutputStream out) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(lower);
        if (response && lower.matches("http/1\\.1 (1\\d\\d|204|304)[\\s\\S]*")) {
            return;
        }
        if (length.find()) {
            out.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            for (int size; (size = Integer.parseInt(line(in, out).split(";")[0].strip(), 16)) > 0; ) {
                out.write(in.readNBytes(size));
                line(in, out);
            }
            while (!line(in, out).isEmpty()) {
                // trailers, up to the empty line
            }
        } else if (response) {
            in.transferTo(out);
        }
        out.flush();
    }

    /** Copies one line (up to LF) from {@code in} to {@code out}; returns it without CRLF. */
    private static String line(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new IOException("closed inside a line");
            }
            line.write(b);
        }
        out.write(line.toByteArray());
        out.write('\n');
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** Copies an HTTP head (up to the empty line) from {@code in} to {@code out}; returns it. */
    private static String head(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("closed inside an HTTP head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        out.write(head.toByteArray());
        out.flush();
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The way down to one client: relayed frames and forged ones, never a forged one inside a fragmented message. */
    private static final class Down {
        private final OutputStream out;
        private boolean inMessage;

        Down(OutputStream out) {
            this.out = out;
        }

        synchronized void pass(Frame frame) throws IOException {
            out.write(frame.raw());
            out.flush();
            if (frame.data()) {
                inMessage = !frame.fin();
                notifyAll();
            }
        }

        synchronized void inject(byte[] payload) throws IOException {
            while (inMessage) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting to forge", e);
                }
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x82); // FIN, binary; a server's frames are not masked
            if (payload.length < 126) {
                frame.write(payload.length);
            } else {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            }
            frame.writeBytes(payload);
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    /** One WebSocket frame as it came (raw) and its unmasked payload. */
    private record Frame(byte[] raw, int opcode, boolean fin, byte[] payload) {
        boolean data() {
            return opcode < 8; // continuation, text, binary; 8–15 are control frames, never fragmented
        }

        static Frame read(DataInputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            raw.write(b0);
            raw.write(b1);
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
                raw.write((int) (length >>> 8));
                raw.write((int) (length & 0xff));
            } else if (length == 127) {
                length = in.readLong();
                for (int i = 7; i >= 0; i--) {
                    raw.write((int) (length >>> (8 * i)));
                }
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            if (mask != null) {
                raw.writeBytes(mask);
            }
            byte[] payload = in.readNBytes(Math.toIntExact(length));
            if (payload.length != length) {
                throw new IOException("closed inside a frame");
            }
            raw.writeBytes(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            return new Frame(raw.toByteArray(), b0 & 0x0f, (b0 & 0x80) != 0, payload);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in a way that matters here
        }
        sockets.forEach(ForgingRelay::close);
    }
}
