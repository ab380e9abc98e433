package org.parley.bench.vnc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The other nine of the ten-viewer run: Java participants in the benchmark's own JVM who sign in,
 * join with the invitation link's k and receive and decrypt every screen message the relay sends
 * them, as a viewer does before it decodes. They load the relay and the agent as nine more viewers
 * would; decoding nine more 1080p streams on the same two cores would only measure the machine.
 */
final class JavaWatchers implements AutoCloseable {
    private static final int TILES = 0x10;
    private final List<Watcher> watchers = new ArrayList<>();

    private record Watcher(SessionClient client, AtomicLong messages, AtomicLong bytes) {
    }

    /** Signs in and joins {@code count} watchers (accounts {@code MeetingServer.VIEWERS[2…]}) to the meeting of {@code path}. */
    static JavaWatchers join(int port, String meeting, String k, int count) throws Exception {
        var joined = new JavaWatchers();
        try {
            for (int i = 0; i < count; i++) {
                var api = new MeetingServer.Api("http://127.0.0.1:" + port);
                api.post("/api/v1/session", "{\"email\":\"" + MeetingServer.VIEWERS[2 + i] + "\",\"password\":\""
                        + MeetingServer.PASSWORD + "\",\"remember\":false}", 200);
                var messages = new AtomicLong();
                var bytes = new AtomicLong();
                SessionClient client = SessionClient.connector(URI.create("ws://127.0.0.1:" + port + "/api/v1/meetings/" + meeting + "/relay"))
                        .header("Cookie", "parley_session=" + api.cookie("parley_session"))
                        .invitation(InvitationSecret.fromFragment(k))
                        .listener(event -> {
                            if (event instanceof SessionEvent.ContentReceived content && content.kind() == TILES) {
                                messages.incrementAndGet();
                                bytes.addAndGet(content.body().length);
                            }
                        })
                        .connect();
                joined.watchers.add(new Watcher(client, messages, bytes));
            }
        } catch (Exception | Error failed) {
            joined.close();
            throw failed;
        }
        return joined;
    }

    /** Screen messages and plaintext bytes each watcher has received so far. */
    long[][] counts() {
        return watchers.stream().map(w -> new long[] {w.messages().get(), w.bytes().get()}).toArray(long[][]::new);
    }

    /** One line: per watcher, messages and MB received between {@code before} and now, and whether it is still connected. */
    String report(long[][] before, double seconds) {
        long[][] now = counts();
        List<String> parts = new ArrayList<>();
        int connected = 0;
        for (int i = 0; i < watchers.size(); i++) {
            parts.add(String.format(Locale.ROOT, "%.1f msg/s %.1f MB", (now[i][0] - before[i][0]) / seconds,
                    (now[i][1] - before[i][1]) / 1e6));
            connected += watchers.get(i).client().isClosed() ? 0 : 1;
        }
        return String.format(Locale.ROOT, "%d of %d Java viewers still connected; each received: %s", connected, watchers.size(),
                String.join(", ", parts));
    }

    @Override
    public void close() {
        for (Watcher w : watchers) {
            try {
                w.client().close();
            } catch (RuntimeException ignored) {
                // already closed by the relay
            }
        }
    }
}
