package org.parley.bench.voice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listeners that cost the machine next to nothing: each joins as a real participant (a WebSocket
 * upgrade with its session cookie, then a JOIN with its own public key and the invitation proof,
 * so the organizer admits it and the relay sends it everything), then one thread reads all their
 * sockets and counts whole WebSocket frames without looking inside. They stand in for a hundred
 * people's browsers on other machines: the relay does the full work of reaching them, while the
 * benchmark's two cores are left to the server and the Chromiums whose ears are measured.
 */
final class RawListeners implements AutoCloseable {
    private final Selector selector;
    private final Thread reader;
    private final Queue<Socket> joining = new ConcurrentLinkedQueue<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    /** One listener's socket and where its frame parser stands. */
    private static final class Socket {
        final SocketChannel channel;
        final ByteBuffer header = ByteBuffer.allocate(10);
        int headerNeeded = 2;
        long payloadLeft;

        Socket(SocketChannel channel) {
            this.channel = channel;
        }
    }

    RawListeners() throws IOException {
        this.selector = Selector.open();
        this.reader = Thread.ofPlatform().daemon().name("raw-listeners").start(this::read);
    }

    /**
     * Opens {@code path} on {@code port} with these headers and sends {@code join} (an encoded JOIN
     * envelope) as the first message.
     */
    void join(int port, String path, String cookie, String forwardedFor, ByteBuffer join) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Cookie: " + cookie + "\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n";
        writeAll(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer response = ByteBuffer.allocate(4096);
        int end;
        while ((end = headerEnd(response)) < 0) {
            if (!response.hasRemaining() || channel.read(response) < 0) {
                channel.close();
                throw new IOException("no WebSocket upgrade from the relay");
            }
        }
        String head = new String(response.array(), 0, end, StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 101")) {
            channel.close();
            throw new IOException("the relay refused the upgrade: " + head.lines().findFirst().orElse(""));
        }
        writeAll(channel, maskedBinaryFrame(join));
        Socket socket = new Socket(channel);
        response.flip().position(end);
        consume(socket, response); // frames that came with the upgrade's answer
        channel.configureBlocking(false);
        open.incrementAndGet();
        joining.add(socket);
        selector.wakeup();
    }

    long frames() {
        return frames.get();
    }

    long bytes() {
        return bytes.get();
    }

    long open() {
        return open.get();
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        while (!closed) {
            try {
                selector.select();
                for (Socket s; (s = joining.poll()) != null; ) {
                    s.channel.register(selector, SelectionKey.OP_READ, s);
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Socket socket = (Socket) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = socket.channel.read(buffer);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        socket.channel.close();
                        open.decrementAndGet();
                        continue;
                    }
                    buffer.flip();
                    consume(socket, buffer);
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (!closed) {
                    System.err.println("raw listeners: " + e);
                }
                return;
            }
        }
    }

    /** Counts whole frames (RFC 6455 §5.2: a server's frames are not masked) and skips their payloads. */
    private void consume(Socket s, ByteBuffer in) {
        bytes.addAndGet(in.remaining());
        while (in.hasRemaining()) {
            if (s.payloadLeft > 0) {
                int skip = (int) Math.min(s.payloadLeft, in.remaining());
                in.position(in.position() + skip);
                s.payloadLeft -= skip;
                continue;
            }
            s.header.put(in.get());
            if (s.header.position() < s.headerNeeded) {
                continue;
            }
            int len7 = s.header.get(1) & 0x7f;
            int needed = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
            if (s.header.position() < needed) {
                s.headerNeeded = needed;
                continue;
            }
            s.payloadLeft = len7 == 126 ? s.header.getShort(2) & 0xffff : len7 == 127 ? s.header.getLong(2) : len7;
            s.header.clear();
            s.headerNeeded = 2;
            frames.incrementAndGet();
        }
    }

    private ByteBuffer maskedBinaryFrame(ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(14 + length);
        frame.put((byte) 0x82);
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload.get(payload.position() + i) ^ mask[i & 3]));
        }
        return frame.flip();
    }

    private static int headerEnd(ByteBuffer b) {
        byte[] a = b.array();
        for (int i = 3; i < b.position(); i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static void writeAll(SocketChannel channel, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
