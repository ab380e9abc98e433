package org.parley.screen;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.ApiClient;
import org.parley.agent.screen.Frame;
import org.parley.agent.screen.KeyframeNeededException;
import org.parley.agent.screen.MalformedTilesException;
import org.parley.agent.screen.TileDecoder;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.keys.KeyFingerprint;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InputKey;
import org.parley.protocol.keys.InvitationSecret;

/**
 * A Java viewer: decodes the presenter's 0x10 tiles into a frame buffer (asking for a keyframe when
 * it cannot apply a change), hears control grants (0x12) and sends input (0x11). Keeps the arrival
 * time and size of every tile body, for the measurements.
 */
final class Viewer implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern GRANT = Pattern.compile("\\{\"controller\":(null|\\d+)}");
    private final TileDecoder decoder = new TileDecoder();
    private final String presenterName;
    private final List<Body> bodies = new ArrayList<>();
    private final List<Integer> grants = new ArrayList<>(); // 0: revoked
    private SessionClient client;
    private long presenterJoined;
    private long admitted;
    private long firstFrame;
    private long lastKeyframeRequest;
    private int mediaDropped;
    private boolean admitsCustomers; // a support technician: the customer's key was their admission
    private final List<Integer> toAdmit = new ArrayList<>();
    private int customer; // the one customer let in, as the console does: a second waits while this one is present
    private final Map<InputKey, Long> inputSeq = new ConcurrentHashMap<>(); // README §9.1: per input key, from 1
    private byte[] lastInput = new byte[0];

    /** One tile body as it arrived: when, how big, whether it belongs to a keyframe or ended a frame. */
    record Body(long nanos, int bytes, boolean keyframe, boolean lastPart) {
    }

    private final List<String> monitors = new java.util.ArrayList<>(); // 0x18 announcements, oldest first

    private Viewer(String presenterName) {
        this.presenterName = presenterName;
    }

    static Viewer join(String baseUrl, String meetingId, ApiClient as, InvitationSecret k, String presenterName) {
        var viewer = new Viewer(presenterName);
        String relay = baseUrl.replace("http://", "ws://") + "/api/v1/meetings/" + meetingId + "/relay";
        SessionClient client = SessionClient.connector(URI.create(relay))
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow())
                .invitation(k).listener(viewer::on).connect();
        synchronized (viewer) {
            viewer.client = client;
        }
        return viewer;
    }

    /**
     * A support session's technician (roster role organizer, so the keyholder), who lets one customer
     * in as the support console does: another {@code customer} only once the first has left.
     */
    static Viewer technician(String baseUrl, java.util.UUID sessionId, ApiClient as, String customerName) {
        var viewer = new Viewer(customerName);
        viewer.admitsCustomers = true;
        String relay = baseUrl.replace("http://", "ws://") + "/api/v1/support-sessions/" + sessionId + "/relay";
        SessionClient client = SessionClient.connector(URI.create(relay)).meetingId(sessionId)
                .header("Cookie", "parley_session=" + as.cookie("parley_session").orElseThrow())
                .listener(viewer::on).connect();
        synchronized (viewer) {
            viewer.client = client;
            viewer.toAdmit.stream().limit(1).forEach(client::admit);
            viewer.toAdmit.clear();
        }
        return viewer;
    }

    /** Asks the presenter (a support customer's agent) for control: content 0x15. */
    void requestControl() {
        int presenter = client.participants().stream().filter(p -> p.name().equals(presenterName))
                .map(Participant::id).findFirst().orElseThrow();
        client.sendContent(0x15, new byte[0], presenter);
    }

    /** Asks the presenter for a keyframe now: content 0x13, as a viewer that missed part of a frame does. */
    void requestKeyframe() {
        int presenter = client.participants().stream().filter(p -> p.name().equals(presenterName))
                .map(Participant::id).findFirst().orElseThrow();
        client.sendContent(TileFormat.KEYFRAME_REQUEST_KIND, new byte[0], presenter);
    }

    private synchronized void on(SessionEvent event) {
        switch (event) {
            case SessionEvent.Waiting waiting when admitsCustomers && waiting.participant().role().equals("customer") ->
                    admitOneCustomer(waiting.participant().id());
            case SessionEvent.RosterChanged roster -> {
                if (admitsCustomers && client != null && customer != 0
                        && roster.participants().stream().noneMatch(p -> p.id() == customer)) {
                    customer = 0; // they left: a customer still waiting (their agent back) comes in now
                    client.waiting().stream().filter(p -> p.role().equals("customer")).findFirst()
                            .ifPresent(p -> admitOneCustomer(p.id()));
                }
                if (presenterJoined == 0 && roster.participants().stream().anyMatch(p -> p.name().equals(presenterName))) {
                    presenterJoined = System.nanoTime();
                }
            }
            case SessionEvent.EpochChanged epoch -> admitted = admitted == 0 ? System.nanoTime() : admitted;
            case SessionEvent.ContentReceived content when content.kind() == TileFormat.KIND -> tiles(content.sender(), content.body());
            case SessionEvent.ContentReceived content when content.kind() == 0x12 -> grant(new String(content.body(), StandardCharsets.UTF_8));
            case SessionEvent.ContentReceived content when content.kind() == 0x18 -> monitors.add(new String(content.body(), StandardCharsets.UTF_8));
            // README §12: the relay skipped some of the presenter's frames for us; its media resumes at a keyframe
            case SessionEvent.MediaDropped dropped when dropped.stream() == org.parley.protocol.envelope.MediaMark.STREAM_SCREEN -> {
                mediaDropped++;
                askForKeyframe(dropped.from());
            }
            default -> { }
        }
        notifyAll();
    }

    private void admitOneCustomer(int id) {
        if (customer != 0) {
            return;
        }
        customer = id;
        if (client == null) {
            toAdmit.add(id);
        } else {
            client.admit(id);
        }
    }

    private void tiles(int sender, byte[] body) {
        try {
            TileDecoder.Applied applied = decoder.apply(body);
            bodies.add(new Body(System.nanoTime(), body.length, applied.keyframe(), applied.lastPart()));
            if (firstFrame == 0 && applied.lastPart()) {
                firstFrame = System.nanoTime();
            }
        } catch (KeyframeNeededException e) {
            bodies.add(new Body(System.nanoTime(), body.length, false, false));
            askForKeyframe(sender);
        } catch (MalformedTilesException e) {
            throw new AssertionError("the presenter sent a malformed tile body: " + e.getMessage(), e);
        }
    }

    private void askForKeyframe(int presenter) {
        if (client != null && System.nanoTime() - lastKeyframeRequest > 250_000_000L) {
            lastKeyframeRequest = System.nanoTime();
            client.sendContent(TileFormat.KEYFRAME_REQUEST_KIND, new byte[0], presenter);
        }
    }

    /** How often the relay told us it began skipping the presenter's frames. */
    synchronized int mediaDropped() {
        return mediaDropped;
    }

    private void grant(String json) {
        Matcher m = GRANT.matcher(json);
        if (!m.matches()) {
            throw new AssertionError("malformed control grant: " + json);
        }
        grants.add(m.group(1).equals("null") ? 0 : Integer.parseInt(m.group(1)));
    }

    /** Everyone present as the relay told this viewer, and the epoch it holds now. */
    List<org.parley.protocol.client.Participant> participants() {
        return client.participants();
    }

    long epoch() {
        return client.membership().orElseThrow().epoch();
    }

    int id() {
        return client.id();
    }

    /** Our key's fingerprint, as a presenter names it in {@code --allow-control}. */
    String fingerprint() {
        return client.participants().stream().filter(p -> p.id() == client.id()).findFirst()
                .map(p -> KeyFingerprint.of(p.publicKey()).text()).orElseThrow();
    }

    /** Waits for a decoded frame that passes {@code wanted}; returns it. */
    synchronized Frame awaitFrame(String what, Predicate<Frame> wanted) throws InterruptedException {
        awaitState(what, () -> decoder.snapshot().filter(wanted).isPresent());
        return decoder.snapshot().orElseThrow();
    }

    /** Asks the presenter (0x19, README §9) to show monitor {@code index} (0-based), or all of them (-1). */
    void showMonitor(int index) {
        client.sendContent(0x19, ("{\"monitor\":" + index + "}").getBytes(StandardCharsets.UTF_8), presenter());
    }

    /** Waits for a 0x18 monitors announcement that passes {@code wanted}; returns it. */
    synchronized String awaitMonitors(String what, Predicate<String> wanted) throws InterruptedException {
        awaitState(what + ", announcements so far " + monitors, () -> !monitors.isEmpty() && wanted.test(monitors.getLast()));
        return monitors.getLast();
    }

    /** Waits until the latest control grant names {@code controller} (0: no one). */
    synchronized void awaitController(int controller) throws InterruptedException {
        awaitState("the grant {\"controller\":" + (controller == 0 ? "null" : controller) + "}, grants so far " + grants,
                () -> !grants.isEmpty() && grants.getLast() == controller);
    }

    synchronized List<Integer> grants() {
        return List.copyOf(grants);
    }

    /** From the presenter's join (as the roster told us) to the first whole frame decoded. */
    synchronized Duration joinToFirstFrame() {
        return Duration.ofNanos(firstFrame - presenterJoined);
    }

    /** From our first key (the presenter admitted us) to the first whole frame decoded. */
    synchronized Duration keyToFirstFrame() {
        return Duration.ofNanos(firstFrame - admitted);
    }

    /** How many keyframe bodies arrived so far. */
    synchronized long keyframes() {
        return bodies.stream().filter(Body::keyframe).count();
    }

    /** Waits until more than {@code seen} keyframe bodies have arrived (a stream that started again sends one first). */
    synchronized void awaitKeyframesAbove(long seen) throws InterruptedException {
        awaitState("a keyframe after the first " + seen, () -> keyframes() > seen);
    }

    synchronized List<Body> bodiesSince(long nanos) {
        return bodies.stream().filter(b -> b.nanos() >= nanos).toList();
    }

    /** Sends one input event (0x11) to the presenter, tagged with our input key (README §9.1). */
    void input(Map<String, Object> event) throws Exception {
        byte[] json = ApiClient.JSON.writeValueAsBytes(event);
        int presenter = presenter();
        InputKey key = client.inputKey(presenter, client.id());
        long seq = inputSeq.merge(key, 1L, Long::sum);
        for (int attempt = 0; ; attempt++) {
            long epoch = client.keys().orElseThrow().current().orElseThrow().epoch();
            byte[] body = key.authenticate(epoch, seq, json);
            try {
                client.sendContentIn(epoch, 0x11, body, presenter); // sealed in the epoch the tag names
                synchronized (this) {
                    lastInput = body;
                }
                return;
            } catch (IllegalStateException newEpoch) {
                if (attempt == 3) {
                    throw newEpoch;
                }
            }
        }
    }

    /**
     * A 0x11 body for {@code event} tagged with our own input key and next sequence number, not sent:
     * what a third member could make and a relay working with it inject under the controller's id.
     */
    byte[] inputBody(Map<String, Object> event) throws Exception {
        InputKey key = client.inputKey(presenter(), client.id());
        long epoch = client.keys().orElseThrow().current().orElseThrow().epoch();
        return key.authenticate(epoch, inputSeq.merge(key, 1L, Long::sum), ApiClient.JSON.writeValueAsBytes(event));
    }

    /** The last body {@link #input} sent. */
    synchronized byte[] lastInput() {
        return lastInput.clone();
    }

    /** Sends {@code body} as a 0x11 as it is: a forgery or a replay, for the presenter to refuse. */
    void sendRawInput(byte[] body) {
        client.sendContent(0x11, body, presenter());
    }

    private int presenter() {
        return client.participants().stream().filter(p -> p.name().equals(presenterName))
                .map(Participant::id).findFirst().orElseThrow();
    }

    private void awaitState(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("viewer " + Optional.ofNullable(client).map(SessionClient::id).orElse(0)
                        + " did not see " + what + " within " + DEADLINE);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        client.close();
        decoder.close();
    }
}
