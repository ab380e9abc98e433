package org.parley.bench.vnc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A minimal RFB 3.8 client that counts, never decodes: handshake with security type None,
 * ClientInit (shared), SetPixelFormat 32 bpp depth 24 true colour, SetEncodings, then
 * FramebufferUpdateRequests, parsing only enough of each message to find where it ends — Raw
 * (w·h·4), CopyRect (4), ZRLE (u32 length), Tight (its control byte, filter and compact length;
 * lossless only, since no quality pseudo-encoding is sent). The byte count is everything read from
 * the socket. One reader thread; not a viewer.
 */
final class RfbCounter implements AutoCloseable {
    static final int RAW = 0;
    static final int COPY_RECT = 1;
    static final int TIGHT = 7;
    static final int ZRLE = 16;
    /** Index of each counter in {@link #counts}. */
    private static final int BYTES = 0;
    private static final int UPDATES = 1;
    private static final int RECTS_RAW = 2;
    private static final int RECTS_COPY = 3;
    private static final int RECTS_ZRLE = 4;
    private static final int RECTS_TIGHT = 5;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final AtomicLongArray counts = new AtomicLongArray(6);
    private int width;
    private int height;
    private Thread loop;

    /** What {@link #snapshot()} read: totals since the connection opened. */
    record Counts(long nanos, long bytes, long updates, long raw, long copyRect, long zrle, long tight) {
        Counts minus(Counts earlier) {
            return new Counts(nanos - earlier.nanos, bytes - earlier.bytes, updates - earlier.updates, raw - earlier.raw,
                    copyRect - earlier.copyRect, zrle - earlier.zrle, tight - earlier.tight);
        }
    }

    private RfbCounter(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(new Counting(socket.getInputStream()), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects (retrying while the server is not listening yet, up to {@code patienceMillis}) and completes the handshake. */
    static RfbCounter connect(int port, List<Integer> encodings, long patienceMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        while (true) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(30_000);
                RfbCounter counter = new RfbCounter(socket);
                counter.handshake(encodings);
                return counter;
            } catch (ConnectException notYet) {
                socket.close();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    private void handshake(List<Integer> encodings) throws IOException {
        byte[] version = new byte[12];
        in.readFully(version);
        String server = new String(version, StandardCharsets.US_ASCII);
        if (!server.startsWith("RFB 003.")) {
            throw new IOException("not an RFB server: " + server.strip());
        }
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int types = in.readUnsignedByte();
        if (types == 0) {
            throw new IOException("server refused: " + readString());
        }
        boolean none = false;
        for (int i = 0; i < types; i++) {
            none |= in.readUnsignedByte() == 1;
        }
        if (!none) {
            throw new IOException("server does not offer security type None (run x11vnc with -nopw)");
        }
        out.writeByte(1);
        out.flush();
        if (in.readInt() != 0) {
            throw new IOException("security handshake failed: " + readString());
        }
        out.writeByte(1); // ClientInit: shared
        out.flush();
        width = in.readUnsignedShort();
        height = in.readUnsignedShort();
        in.skipNBytes(16); // the server's pixel format; we set ours
        readString(); // desktop name
        out.writeByte(0); // SetPixelFormat
        out.write(new byte[3]);
        out.write(new byte[] {32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
        out.writeByte(2); // SetEncodings
        out.writeByte(0);
        out.writeShort(encodings.size());
        for (int encoding : encodings) {
            out.writeInt(encoding);
        }
        out.flush();
    }

    private String readString() throws IOException {
        byte[] text = new byte[in.readInt()];
        in.readFully(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Requests the whole screen (non-incremental) and reads until that update has arrived. */
    void fullUpdate() throws IOException {
        request(false);
        long updates = counts.get(UPDATES);
        while (counts.get(UPDATES) == updates) {
            readMessage();
        }
    }

    /**
     * Starts the reader thread: an incremental request, the update, the next request no sooner than
     * {@code intervalNanos} after the previous one (0 = at once, as noVNC does).
     */
    void startLoop(long intervalNanos) {
        loop = Thread.ofPlatform().daemon().name("rfb-reader").start(() -> {
            try {
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    next = System.nanoTime() + intervalNanos;
                    request(true);
                    long updates = counts.get(UPDATES);
                    while (counts.get(UPDATES) == updates) {
                        readMessage();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // closed at the end of the measurement
            }
        });
    }

    Counts snapshot() {
        return new Counts(System.nanoTime(), counts.get(BYTES), counts.get(UPDATES), counts.get(RECTS_RAW),
                counts.get(RECTS_COPY), counts.get(RECTS_ZRLE), counts.get(RECTS_TIGHT));
    }

    private void request(boolean incremental) throws IOException {
        out.writeByte(3);
        out.writeByte(incremental ? 1 : 0);
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(width);
        out.writeShort(height);
        out.flush();
    }

    private void readMessage() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0 -> readUpdate();
            case 1 -> { // SetColourMapEntries
                in.skipNBytes(3);
                in.skipNBytes(6L * in.readUnsignedShort());
            }
            case 2 -> { // Bell
            }
            case 3 -> { // ServerCutText
                in.skipNBytes(3);
                in.skipNBytes(in.readInt() & 0xffffffffL);
            }
            default -> throw new IOException("unexpected server message type " + type);
        }
    }

    private void readUpdate() throws IOException {
        in.skipNBytes(1);
        int rects = in.readUnsignedShort();
        for (int i = 0; i < rects; i++) {
            in.skipNBytes(4); // x, y
            int w = in.readUnsignedShort();
            int h = in.readUnsignedShort();
            int encoding = in.readInt();
            switch (encoding) {
                case RAW -> {
                    in.skipNBytes(4L * w * h);
                    counts.incrementAndGet(RECTS_RAW);
                }
                case COPY_RECT -> {
                    in.skipNBytes(4);
                    counts.incrementAndGet(RECTS_COPY);
                }
                case ZRLE -> {
                    in.skipNBytes(in.readInt() & 0xffffffffL);
                    counts.incrementAndGet(RECTS_ZRLE);
                }
                case TIGHT -> {
                    skipTight(w, h);
                    counts.incrementAndGet(RECTS_TIGHT);
                }
                default -> throw new IOException("unexpected rectangle encoding " + encoding + " (not requested)");
            }
        }
        counts.incrementAndGet(UPDATES);
    }

    /** Tight with 32 bpp depth 24 true colour, so a TPIXEL is 3 bytes; no JPEG since no quality level was sent. */
    private void skipTight(int w, int h) throws IOException {
        int control = in.readUnsignedByte();
        int kind = control >> 4;
        if (kind == 8) { // fill
            in.skipNBytes(3);
            return;
        }
        if (kind == 9) { // JPEG
            in.skipNBytes(compactLength());
            return;
        }
        if (kind > 9) {
            throw new IOException("unexpected Tight compression control 0x" + Integer.toHexString(control));
        }
        int filter = (control & 0x40) != 0 ? in.readUnsignedByte() : 0;
        long rowBytes = 3L * w;
        if (filter == 1) { // palette
            int colours = in.readUnsignedByte() + 1;
            in.skipNBytes(3L * colours);
            rowBytes = colours == 2 ? (w + 7) / 8 : w;
        } else if (filter != 0 && filter != 2) {
            throw new IOException("unexpected Tight filter " + filter);
        }
        long size = rowBytes * h;
        in.skipNBytes(size < 12 ? size : compactLength());
    }

    private int compactLength() throws IOException {
        int b = in.readUnsignedByte();
        int length = b & 0x7f;
        if ((b & 0x80) != 0) {
            b = in.readUnsignedByte();
            length |= (b & 0x7f) << 7;
            if ((b & 0x80) != 0) {
                length |= in.readUnsignedByte() << 14;
            }
        }
        return length;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Counts every byte read from the socket. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counts.incrementAndGet(BYTES);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counts.addAndGet(BYTES, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counts.addAndGet(BYTES, skipped);
            return skipped;
        }
    }
}
