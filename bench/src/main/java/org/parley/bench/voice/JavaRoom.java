package org.parley.bench.voice;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.bench.vnc.MeetingServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The Java participants, in the benchmark's JVM: the organizer, who holds the keys and lets every
 * joiner in by its invitation proof (README §8) without a page to click in; speakers that replay
 * real Opus packets at 50 a second each as MEDIA marked AUDIO (0x20, README §9a); and listeners.
 * The first {@code opening} listeners decrypt every voice frame, as a browser does before it
 * decodes, and note each Java speaker's frame's relay transit (arrival less its wall-clock
 * timestamp, one clock: one machine); the others receive every frame and count it without opening
 * it ({@code Connector.ignoreMedia()}): they stand in for the relay's fan-out, whose cost is the
 * server's, while a listener's own decryption is measured in the Chromiums. All share one HTTP
 * client (one selector thread and two workers): a hundred clients with a selector each would
 * measure the benchmark's thread switching, not Parley.
 */
final class JavaRoom implements AutoCloseable {
    static final int AUDIO_FRAME = 0x20;
    static final int AUDIO_MARK = 8;
    private final String base;
    private final URI relay;
    private final InvitationSecret k;
    private final List<SessionClient> clients = new CopyOnWriteArrayList<>();
    private final List<SessionClient> speakers = new CopyOnWriteArrayList<>();
    private final java.util.Set<Integer> speakerIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong sendsRefused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final java.util.concurrent.ExecutorService io = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform()
            .daemon().name("java-participants-io").unstarted(r));
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().executor(io).build();
    private final int opening;
    private int listenersJoined;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
            .daemon().name("java-speakers").unstarted(r));
    private volatile MinuteWindows transit;
    private volatile String sendFailure;

    JavaRoom(int port, String meeting, InvitationSecret k, int opening) {
        this.opening = opening;
        this.base = "http://127.0.0.1:" + port;
        this.relay = URI.create("ws://127.0.0.1:" + port + "/api/v1/meetings/" + meeting + "/relay");
        this.k = k;
    }

    /** The organizer first: alone in the room, it starts the session and holds the key. */
    SessionClient organizer() throws Exception {
        return connect(VoiceServer.ORGANIZER, "127.0.3.1", false, false);
    }

    /** A participant signed in as {@code email} (from its own address), joining with the invitation key. */
    SessionClient join(String email, int address, boolean speaker) throws Exception {
        boolean opens = !speaker && listenersJoined++ < opening;
        SessionClient client = connect(email, "127.0." + (4 + address / 250) + "." + (1 + address % 250), !speaker, opens);
        if (speaker) {
            speakers.add(client);
            speakerIds.add(client.id());
        }
        return client;
    }

    private SessionClient connect(String email, String from, boolean listens, boolean opens) throws Exception {
        var api = new MeetingServer.Api(base, from);
        api.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + VoiceServer.PASSWORD + "\",\"remember\":false}", 200);
        var connector = SessionClient.connector(relay)
                .httpClient(http)
                .header("Cookie", "parley_session=" + api.cookie("parley_session"))
                .header("X-Forwarded-For", from)
                .invitation(k)
                .listener(event -> {
                    switch (event) {
                        case SessionEvent.ContentReceived c when c.kind() == AUDIO_FRAME && listens -> heard(c.sender(), c.body());
                        case SessionEvent.Dropped d -> dropped.incrementAndGet();
                        default -> { }
                    }
                });
        if (!opens) {
            connector.ignoreMedia().observer(envelope -> {
                if (listens && envelope.type() == org.parley.protocol.envelope.MessageType.MEDIA) {
                    framesReceived.incrementAndGet();
                }
            });
        }
        SessionClient client = connector.connect();
        clients.add(client);
        return client;
    }

    private void heard(int sender, byte[] body) {
        framesReceived.incrementAndGet();
        MinuteWindows windows = transit;
        // only our own speakers stamp wall-clock time: a browser's timestamp is its encoder's, which stops in DTX silence
        if (windows != null && body.length >= 12 && speakerIds.contains(sender)) {
            double now = System.currentTimeMillis();
            windows.add(now, now - ByteBuffer.wrap(body, 4, 8).getLong() / 1000.0);
        }
    }

    /** How many participants see a members list of {@code size} (everyone admitted, keys settled). */
    long settled(int size) {
        return clients.stream().filter(c -> c.membership().map(m -> m.members().size() == size).orElse(false)).count();
    }

    int size() {
        return clients.size();
    }

    /** From now on listeners note transit times in {@code windows}. */
    void measureTransit(MinuteWindows windows) {
        this.transit = windows;
    }

    /**
     * Every speaker sends the next of {@code packets} every 20 ms, each from its own place in the
     * list and a little after the one before, as independent talkers would.
     */
    void speak(List<byte[]> packets) {
        List<SessionClient> talking = List.copyOf(speakers);
        int[] seq = new int[talking.size()];
        long period = 20_000;
        for (int s = 0; s < talking.size(); s++) {
            int speaker = s;
            long offset = period * s / Math.max(1, talking.size());
            clock.scheduleAtFixedRate(() -> {
                int n = ++seq[speaker];
                byte[] packet = packets.get((n + speaker * 97) % packets.size());
                byte[] body = ByteBuffer.allocate(12 + packet.length).putInt(n).putLong(System.currentTimeMillis() * 1000)
                        .put(packet).array();
                send(talking.get(speaker), body);
            }, offset, period, TimeUnit.MICROSECONDS);
        }
    }

    private void send(SessionClient speaker, byte[] body) {
        try {
            speaker.sendMedia(AUDIO_FRAME, body, 0, AUDIO_MARK);
            framesSent.incrementAndGet();
        } catch (RuntimeException refused) {
            sendsRefused.incrementAndGet(); // keys changing, or the connection gone: this frame is lost, as a live voice's is
            sendFailure = refused.toString();
        }
    }

    /** Counters since the start: frames sent, frames refused by the client, frames received by all listeners, drops. */
    long[] counts() {
        return new long[] {framesSent.get(), sendsRefused.get(), framesReceived.get(), dropped.get()};
    }

    long connected() {
        return clients.stream().filter(c -> !c.isClosed()).count();
    }

    String lastSendFailure() {
        return sendFailure;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        io.shutdownNow();
        List<SessionClient> all = new ArrayList<>(clients);
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (RuntimeException ignored) {
                // already closed by the relay
            }
        }
    }
}
