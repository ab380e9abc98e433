package org.parley.web.ui.machines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.TestServer;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.TileEncoder;
import org.parley.protocol.access.AccessHost;
import org.parley.protocol.access.AccessLockout;
import org.parley.protocol.access.AccessVerifier;
import org.parley.protocol.access.HostStep;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InputKey;

/**
 * A computer's agent in unattended mode, as far as a browser can tell: it joins its machine's room
 * with the machine token, checks a caller's access password with the protocol's {@link AccessHost},
 * lets in who knows it, confirms each epoch to it with the handshake's K, gives it control and shows
 * a 320×240 screen of four colours. As an {@linkplain #impostor impostor} it knows no verifier, yet
 * claims success and admits anyway, as a relay pretending to be the computer would. With other
 * {@link Keys} it plays what a relay can do after an honest handshake: hand the caller an epoch
 * secret (a KEY) of its own, with its own screen, and no confirm or one it cannot make right.
 */
final class FakeAgent implements AutoCloseable {
    static final int W = 320;
    static final int H = 240;
    private static final int TILES = 0x10;
    private static final int INPUT = 0x11;
    private static final int GRANT = 0x12;
    private static final int KEYFRAME_REQUEST = 0x13;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The screen a relay would show with a key of its own: all dark grey. */
    static final int FAKE_SCREEN = 0x202020;

    /** How the epochs the caller gets are confirmed to it (protocol README §10). */
    enum Keys {
        /** With the handshake's K after every epoch change, as the real agent does. */
        CONFIRMED,
        /** Never: what the caller sees when a KEY came from the relay. */
        UNCONFIRMED,
        /** With a key that is not K: the relay's best try at confirming a KEY of its own. */
        FORGED
    }

    private final SecureRandom random = new SecureRandom();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final UUID machineId;
    private final AccessVerifier verifier;
    private final boolean impostor;
    private final AccessLockout lockout = new AccessLockout(Clock.systemUTC());
    private final Map<Integer, AccessHost> hosts = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> sessionKeys = new ConcurrentHashMap<>(); // K per admitted caller
    private final AtomicInteger framesSent = new AtomicInteger();
    private volatile Keys keys = Keys.CONFIRMED;
    private final TileEncoder encoder = new TileEncoder();
    private final List<JsonNode> inputs = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> lastSeq = new ConcurrentHashMap<>(); // per caller: README §9.1's replay rule
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final SessionClient client;

    private FakeAgent(TestServer server, UUID machineId, String token, String password, boolean impostor) {
        this.machineId = machineId;
        this.impostor = impostor;
        // an impostor never saw the real verifier: it answers with one of a password it made up
        this.verifier = AccessVerifier.generate(machineId, impostor ? "a guess " + random.nextLong() : password, random);
        this.client = SessionClient.connector(URI.create(server.baseUrl().replace("http://", "ws://")
                        + "/api/v1/machines/" + machineId + "/relay"))
                .header("Authorization", "Bearer " + token)
                .meetingId(machineId)
                .listener(this::queue)
                .connect();
    }

    /** The machine's agent, knowing the verifier of {@code password}. */
    static FakeAgent start(TestServer server, UUID machineId, String token, String password) {
        return new FakeAgent(server, machineId, token, password, false);
    }

    /** Someone in the agent's place who does not know the verifier, but says the password was right. */
    static FakeAgent impostor(TestServer server, UUID machineId, String token) {
        return new FakeAgent(server, machineId, token, "", true);
    }

    /** The input events (0x11) callers sent, as JSON. */
    List<JsonNode> inputs() {
        return List.copyOf(inputs);
    }

    /**
     * From now on, confirm epochs this way; anything but {@link Keys#CONFIRMED} also shows a caller
     * the {@link #FAKE_SCREEN} unasked as soon as it is let in, as a relay with its own key would.
     */
    void keys(Keys how) {
        keys = how;
    }

    /** How many screen messages (0x10) went out: a test's control that there was something to show. */
    int framesSent() {
        return framesSent.get();
    }

    /**
     * Lets {@code newcomer} in without any password, which makes a new epoch for everyone (README
     * §8), and shows the {@link #FAKE_SCREEN} sealed with it: with {@link Keys#UNCONFIRMED}, what a
     * caller sees when the relay hands it a KEY of its own in the middle of a connection.
     */
    void rekeyAdmitting(int newcomer) {
        worker.execute(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (client.waiting().stream().noneMatch(p -> p.id() == newcomer)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("participant " + newcomer + " never waited to be let in");
                    }
                    Thread.sleep(20);
                }
                client.admit(newcomer);
                show(FAKE_SCREEN);
            } catch (Exception failed) {
                failures.add("rekeying with " + newcomer + ": " + failed);
            }
        });
    }

    /** What went wrong in the agent's own handling; a test expects none. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    // the client's own thread only hands over: the agent answers on its worker, as a real agent would not block the socket
    private void queue(SessionEvent event) {
        try {
            worker.execute(() -> on(event));
        } catch (RejectedExecutionException closing) {
            // the events of our own goodbye
        }
    }

    private void on(SessionEvent event) {
        try {
            switch (event) {
                case SessionEvent.HandshakeReceived h -> handshake(h.sender(), h.payload());
                case SessionEvent.EpochChanged e -> confirm(e.membership());
                case SessionEvent.ContentReceived c when c.kind() == KEYFRAME_REQUEST -> keyframe();
                case SessionEvent.ContentReceived c when c.kind() == INPUT -> input(c);
                default -> { }
            }
        } catch (Exception failed) {
            failures.add(event + ": " + failed);
        }
    }

    // README §9.1, as the real agent checks it: the pair's tag for the frame's epoch, and no replay
    private void input(SessionEvent.ContentReceived c) throws Exception {
        InputKey.Event event = client.inputKey(client.id(), c.sender()).open(c.epoch(), c.body()).orElseThrow(
                () -> new IllegalStateException("a 0x11 body from " + c.sender() + " does not verify under our input key"));
        long last = lastSeq.getOrDefault(c.sender(), 0L);
        if (event.seq() <= last) {
            throw new IllegalStateException("sequence number " + event.seq() + " from " + c.sender() + " after " + last);
        }
        lastSeq.put(c.sender(), event.seq());
        inputs.add(JSON.readTree(event.json()));
    }

    private void handshake(int caller, byte[] payload) throws Exception {
        AccessHost host = hosts.computeIfAbsent(caller, id -> new AccessHost(machineId, verifier, lockout, random));
        if (impostor && JSON.readTree(payload).path("t").asText().equals("srp-evidence")) {
            byte[] m2 = new byte[32];
            random.nextBytes(m2);
            client.sendHandshake(caller, JSON.writeValueAsBytes(Map.of("t", "srp-ok",
                    "M2", Base64.getUrlEncoder().withoutPadding().encodeToString(m2))));
            letIn(caller);
            return;
        }
        HostStep step = host.receive(payload, publicKeyOf(caller), publicKeyOf(client.id()));
        client.sendHandshake(caller, step.message());
        if (step instanceof HostStep.Accepted accepted) {
            sessionKeys.put(caller, accepted.sessionKey());
            letIn(caller);
        }
    }

    // README §8 admission; control follows the epoch's confirm, which must come before anything the caller is to use
    private void letIn(int caller) {
        client.admit(caller);
        if (keys != Keys.CONFIRMED) {
            show(FAKE_SCREEN);
        }
    }

    // README §10: each epoch that includes a caller is confirmed to it with its handshake's K; then
    // control for the caller: unattended, no one sits at the computer to grant it
    private void confirm(Membership membership) {
        sessionKeys.forEach((caller, k) -> {
            if (!membership.includes(caller)) {
                return;
            }
            if (keys != Keys.UNCONFIRMED) {
                byte[] key = keys == Keys.CONFIRMED ? k : randomKey();
                client.sendHandshake(caller, AccessHost.epochConfirm(key, membership.epoch(), membership.code()));
            }
            client.sendContent(GRANT, ("{\"controller\":" + caller + "}").getBytes(StandardCharsets.UTF_8), 0);
        });
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private void keyframe() {
        int[] pixels = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                pixels[y * W + x] = y < H / 2 ? (x < W / 2 ? 0xe03020 : 0x2060e0) : (x < W / 2 ? 0x30c050 : 0xffffff);
            }
        }
        send(pixels);
    }

    private void show(int colour) {
        int[] pixels = new int[W * H];
        Arrays.fill(pixels, colour);
        send(pixels);
    }

    private void send(int[] pixels) {
        encoder.encode(new Frame(W, H, pixels), true).forEach(body -> {
            client.sendContent(TILES, body, 0);
            framesSent.incrementAndGet();
        });
    }

    private byte[] publicKeyOf(int id) throws IOException {
        return client.participants().stream().filter(p -> p.id() == id).map(Participant::publicKey).findFirst()
                .orElseThrow(() -> new IOException("participant " + id + " is not present"));
    }

    @Override
    public void close() {
        client.close();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        encoder.close();
    }
}
