package org.parley.bench.vnc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A viewer's network link: a TCP proxy on loopback in front of a server port (the Parley server,
 * websockify) that counts the bytes sent to the viewer and, when given a rate, holds both
 * directions to it (one shared budget per direction, as one access link would). Its socket
 * buffers toward the server are kept small, so a throttled link pushes back on the server instead
 * of hiding megabytes in loopback's auto-tuned buffers.
 */
public final class LinkProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    private final ServerSocket listening;
    private final int upstreamPort;
    private final long bitsPerSecond;
    private final Pacer down;
    private final Pacer up;
    private final AtomicLong bytesDown = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** {@code bitsPerSecond} 0 = unthrottled. */
    public LinkProxy(int upstreamPort, long bitsPerSecond) throws IOException {
        this.upstreamPort = upstreamPort;
        this.bitsPerSecond = bitsPerSecond;
        this.down = new Pacer(bitsPerSecond);
        this.up = new Pacer(bitsPerSecond);
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("link-accept-" + port()).start(this::accept);
    }

    public int port() {
        return listening.getLocalPort();
    }

    /** Bytes sent toward the viewer so far (all connections: pages, scripts, the stream). */
    public long bytesDown() {
        return bytesDown.get();
    }

    boolean throttled() {
        return bitsPerSecond > 0;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket viewer = listening.accept();
                Socket server = new Socket();
                if (throttled()) {
                    server.setReceiveBufferSize(64 * 1024);
                    server.setSendBufferSize(64 * 1024);
                }
                server.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                viewer.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(viewer);
                sockets.add(server);
                int chunk = throttled() ? 4096 : CHUNK; // 16 ms of a 2 Mbit/s link at most in one piece
                pipe(server, viewer, down, bytesDown, chunk);
                pipe(viewer, server, up, new AtomicLong(), chunk);
            } catch (IOException closed) {
                if (listening.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to, Pacer pacer, AtomicLong counter, int chunk) {
        Thread.ofPlatform().daemon().name("link-copy").start(() -> {
            byte[] buffer = new byte[chunk];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    pacer.await(n);
                    out.write(buffer, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            } catch (IOException closed) {
                // either side went away; closing both ends tells the other
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        sockets.forEach(LinkProxy::close);
    }

    /** A shared send schedule at a fixed bit rate: each chunk leaves no earlier than the link could have carried the ones before. */
    private static final class Pacer {
        private final long bitsPerSecond;
        private long nextFreeNanos;

        Pacer(long bitsPerSecond) {
            this.bitsPerSecond = bitsPerSecond;
        }

        void await(int bytes) {
            if (bitsPerSecond <= 0) {
                return;
            }
            long sendAt;
            synchronized (this) {
                long now = System.nanoTime();
                sendAt = Math.max(now, nextFreeNanos);
                nextFreeNanos = sendAt + bytes * 8L * 1_000_000_000L / bitsPerSecond;
            }
            // the chunk goes out once the link has carried it, so its last byte arrives on time
            long until = sendAt + bytes * 8L * 1_000_000_000L / bitsPerSecond;
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }
}
