package org.parley.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that forwards every connection to the server and records every byte,
 * both ways, per connection: what a network observer between clients and server sees.
 */
public final class RecordingProxy implements AutoCloseable {

    /** One proxied connection: the bytes the client sent up and the bytes the server sent down. */
    public record Recorded(ByteArrayOutputStream up, ByteArrayOutputStream down) {
        byte[] upBytes() {
            synchronized (up) {
                return up.toByteArray();
            }
        }

        byte[] downBytes() {
            synchronized (down) {
                return down.toByteArray();
            }
        }
    }

    private final ServerSocket listening;
    private final int upstreamPort;
    private final List<Recorded> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public RecordingProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    public int port() {
        return listening.getLocalPort();
    }

    public List<Recorded> connections() {
        return List.copyOf(connections);
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                var recorded = new Recorded(new ByteArrayOutputStream(), new ByteArrayOutputStream());
                connections.add(recorded);
                pipe(client, server, recorded.up());
                pipe(server, client, recorded.down());
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread.ofPlatform().daemon().name("proxy-copy").start(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side hung up: the other direction ends too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }

    /** A network loss: every connection through the proxy is cut; new ones are still accepted. */
    public void cutAll() {
        sockets.forEach(RecordingProxy::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in a way that matters here
        }
        sockets.forEach(RecordingProxy::closeQuietly);
    }
}
