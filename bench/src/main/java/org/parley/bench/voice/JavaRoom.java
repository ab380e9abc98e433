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
 * timestamp, one clock: one machine); the others are {@link RawListeners}, admitted participants
 * that only count the frames reaching them: they stand in for the relay's fan-out, whose cost is
 * the server's, while a listener's own decryption is measured in the Chromiums. The speakers do not
 * open what they receive ({@code Connector.ignoreMedia()}). The key-holding clients share one HTTP
 * client (one selector thread and two workers): a client with a selector each would measure the
 * benchmark's thread switching, not Parley.
 */
final class JavaRoom implements AutoCloseable {
    static final int AUDIO_FRAME = 0x20;
    static final int AUDIO_MARK = 8;
    static final int CAMERA_CHUNK = 0x21;
    static final int MEDIA_STATE = 0x22;
    private static final long TURN_MS = 4000;
    private final AtomicLong cameraChunksSent = new AtomicLong();
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
    private final int keyHolders;
    private final java.util.UUID meetingId;
    private final RawListeners raw;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private int rawCount;
    private int listenersJoined;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
            .daemon().name("java-speakers").unstarted(r));
    private volatile MinuteWindows transit;
    private volatile String sendFailure;

    /**
     * {@code opening} listeners decrypt and measure; the next {@code keyHolders} hold keys without
     * opening media (they can send a camera); the rest are raw.
     */
    JavaRoom(int port, String meeting, InvitationSecret k, int opening, int keyHolders) throws java.io.IOException {
        this.opening = opening;
        this.keyHolders = keyHolders;
        this.meetingId = java.util.UUID.fromString(meeting);
        this.raw = new RawListeners();
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
        int listener = speaker ? -1 : listenersJoined++;
        boolean opens = !speaker && listener < opening;
        String from = "127.0." + (4 + address / 250) + "." + (1 + address % 250);
        if (!speaker && listener >= opening + keyHolders) {
            joinRaw(email, from);
            return null;
        }
        SessionClient client = connect(email, from, opens, opens);
        if (speaker) {
            speakers.add(client);
            speakerIds.add(client.id());
        }
        return client;
    }

    /** A listener that only counts what reaches it ({@link RawListeners}): signed in, joined with its own key and the proof. */
    private void joinRaw(String email, String from) throws Exception {
        String cookie = signIn(email, from);
        byte[] publicKey = org.parley.protocol.keys.ParticipantKeyPair.generate(random).publicKey();
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String join = "{\"publicKey\":\"" + b64.encodeToString(publicKey) + "\",\"proof\":\""
                + b64.encodeToString(k.proof(meetingId, publicKey)) + "\"}";
        var envelope = org.parley.protocol.envelope.Envelope.of(org.parley.protocol.envelope.MessageType.JOIN, 0,
                org.parley.protocol.envelope.Envelope.EVERYONE, join.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        raw.join(relay.getPort(), relay.getPath(), cookie, from,
                new org.parley.protocol.envelope.EnvelopeCodec().encode(envelope));
        rawCount++;
    }

    /** Signs {@code email} in from address {@code from}; returns the Cookie header value its relay connection sends. */
    private String signIn(String email, String from) throws Exception {
        var api = new MeetingServer.Api(base, from);
        api.post("/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + VoiceServer.PASSWORD + "\",\"remember\":false}", 200);
        return "parley_session=" + api.cookie("parley_session");
    }

    private SessionClient connect(String email, String from, boolean listens, boolean opens) throws Exception {
        var connector = SessionClient.connector(relay)
                .httpClient(http)
                .header("Cookie", signIn(email, from))
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

    /** The Java participants that hold keys (the raw listeners do not). */
    int size() {
        return clients.size();
    }

    /** Everyone this room joined, the raw listeners included. */
    int joined() {
        return clients.size() + rawCount;
    }

    /** From now on listeners note transit times in {@code windows}. */
    void measureTransit(MinuteWindows windows) {
        this.transit = windows;
    }

    /**
     * {@code atOnce} speakers talk: each sends the next of {@code packets} every 20 ms, from its own
     * place in the list and a little after the one before, as independent talkers would. The turn
     * moves on every 4 s; who is not talking is unmuted and silent, and sends what Opus's DTX sends.
     */
    void speak(List<byte[]> packets, int atOnce) {
        List<SessionClient> talking = List.copyOf(speakers);
        int[] seq = new int[talking.size()];
        long period = 20_000;
        long started = System.currentTimeMillis();
        byte[] dtx = {packets.getFirst()[0]}; // a TOC byte alone: what Opus's DTX sends in silence
        for (int s = 0; s < talking.size(); s++) {
            int speaker = s;
            long offset = period * s / Math.max(1, talking.size());
            clock.scheduleAtFixedRate(() -> {
                long now = System.currentTimeMillis();
                // who talks: atOnce of them, the turn moving on every TURN_MS; the others are unmuted and silent
                long turn = (now - started) / TURN_MS;
                boolean talks = Math.floorMod(speaker - turn, talking.size()) < atOnce;
                long tick = (now - started) / 20;
                if (!talks && tick % 20 != speaker % 20) {
                    return; // silence: one DTX packet per 400 ms
                }
                int n = ++seq[speaker];
                byte[] packet = talks ? packets.get((n + speaker * 97) % packets.size()) : dtx;
                byte[] body = ByteBuffer.allocate(12 + packet.length).putInt(n).putLong(now * 1000).put(packet).array();
                send(talking.get(speaker), body);
            }, offset, period, TimeUnit.MICROSECONDS);
        }
    }

    /**
     * The first {@code count} Java participants turn their cameras on (0x22, camera true, to
     * everyone) and send {@code frames} in a loop at 24 a second, both layers, as a browser's camera
     * does — to the participants named {@code watchers} alone (the Chromiums), as direct MEDIA: what
     * is measured is a page decoding 25 cameras, and a relay carrying 25 cameras to 110 people at
     * once is more than this machine's two cores and not the question.
     */
    void showCameras(List<VoiceBrowser.CameraFrame> frames, int count, java.util.Set<String> watchers) {
        List<SessionClient> showing = clients.subList(1, Math.min(clients.size(), count + 1)); // not the organizer
        List<Integer> to = clients.getFirst().participants().stream().filter(p -> watchers.contains(p.name()))
                .map(org.parley.protocol.client.Participant::id).toList();
        for (int c = 0; c < showing.size(); c++) {
            SessionClient client = showing.get(c);
            boolean speaks = speakers.contains(client);
            client.sendContent(MEDIA_STATE, ("{\"mic\":\"" + (speaks ? "on" : "off") + "\",\"camera\":true}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
            int[] next = {0};
            long period = 1_000_000 / 24;
            clock.scheduleAtFixedRate(() -> {
                VoiceBrowser.CameraFrame frame = frames.get(next[0]++ % frames.size());
                try {
                    for (int watcher : to) {
                        client.sendMedia(CAMERA_CHUNK, frame.high(), watcher, frame.highMark());
                        client.sendMedia(CAMERA_CHUNK, frame.low(), watcher, frame.lowMark());
                        cameraChunksSent.addAndGet(2);
                    }
                } catch (RuntimeException refused) {
                    sendsRefused.incrementAndGet();
                    sendFailure = refused.toString();
                }
            }, period * c / Math.max(1, showing.size()), period, TimeUnit.MICROSECONDS);
        }
    }

    long cameraChunksSent() {
        return cameraChunksSent.get();
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
        return new long[] {framesSent.get(), sendsRefused.get(), framesReceived.get() + raw.frames(), dropped.get()};
    }

    long connected() {
        return clients.stream().filter(c -> !c.isClosed()).count() + raw.open();
    }

    String lastSendFailure() {
        return sendFailure;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            raw.close();
        } catch (java.io.IOException ignored) {
            // closing anyway
        }
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
