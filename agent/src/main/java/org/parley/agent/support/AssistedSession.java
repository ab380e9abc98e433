package org.parley.agent.support;

import java.io.PrintWriter;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.parley.agent.AgentLog;
import org.parley.agent.consent.Answer;
import org.parley.agent.consent.ControlBar;
import org.parley.agent.consent.Question;
import org.parley.agent.input.InputInjector;
import org.parley.agent.present.RemoteControl;
import org.parley.agent.present.ScreenStream;
import org.parley.agent.present.SessionLoop;
import org.parley.agent.present.SharedArea;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.client.DropReason;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;
import org.parley.protocol.keys.KeyFingerprint;
import org.parley.protocol.envelope.RelayStatus;

/**
 * The customer's side of a support session. The screen is sent only while every other member of
 * the current epoch — everyone who could open a frame — has been allowed by the customer in a
 * consent prompt, and the customer has not paused viewing. Control is a second prompt, per request
 * (0x15). Events, prompt answers and the control bar's buttons are handled one at a time on the
 * thread that calls {@link #run}; prompts wait on their own thread so the session keeps running.
 * When it ends — End session, Ctrl-C, the technician ending it, the relay closing — control is
 * revoked and everything held is released before anything else: nothing stays controllable.
 * When the connection is lost instead (Wi-Fi, a server restart), control is revoked and nothing is
 * sent while the agent reconnects with the same ticket for up to {@link #RECONNECT_FOR}.
 * <p>
 * Consent is given to a participant's JOIN public key (shown to the customer as its fingerprint),
 * never to an id, name or role, which are the server's word: a member whose key the customer has
 * not allowed — a newcomer, or an allowed id or name re-announced with another key — stops the
 * screen until the customer answers about that key. Consent for a key holds across reconnects;
 * control does not.
 */
public final class AssistedSession extends SessionLoop {
    public static final int SHARING_STATE_KIND = 0x16;
    private static final Duration PERIODIC_KEYFRAME = Duration.ofSeconds(10);
    private static final Duration KEYFRAME_REQUEST_GAP = Duration.ofMillis(500);
    /** As long as the server keeps the session for a customer whose connection was lost. */
    public static final Duration RECONNECT_FOR = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final int FIRST_CONNECT_ATTEMPTS = 4;
    /** Closes of a connection that broke rather than one the server ended (those are 4xxx, with a reason). */
    private static final Set<RelayStatus> LOST = EnumSet.of(RelayStatus.GOING_AWAY, RelayStatus.ABNORMAL, RelayStatus.INTERNAL,
            RelayStatus.SERVICE_RESTART, RelayStatus.TRY_AGAIN_LATER, RelayStatus.BAD_GATEWAY);

    /** Opens a connection to the session's relay with the same ticket, its events going to {@code listener}. */
    @FunctionalInterface
    public interface Connector {
        SessionClient connect(SessionListener listener);
    }

    private final SupportTicket ticket;
    private final Connector connector;
    private final int fps;
    private final ScreenCapture capture;
    private final InputInjector injector;
    private final SharedArea area;
    private final PrintWriter out;
    private final KeyframeSchedule schedule = new KeyframeSchedule(PERIODIC_KEYFRAME, KEYFRAME_REQUEST_GAP);
    private final ExecutorService prompts = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-consent").daemon().factory());
    private final Set<Integer> members = new HashSet<>();
    private final ViewingConsent consent = new ViewingConsent();
    private final Object reconnecting = new Object();
    private boolean ending; // guarded by reconnecting
    private SessionClient arriving; // a new connection not yet taken over by the loop; guarded by reconnecting
    private Thread retries;
    private boolean askingControl;
    private boolean paused;
    private SessionClient client;
    private RemoteControl control;
    private ControlBar bar;
    private ScreenStream stream;
    private long streamStarted;
    private Membership membership; // the epoch whose members the loop last learned, null before (or after a lost connection)

    public AssistedSession(SupportTicket ticket, Connector connector, int fps, ScreenCapture capture, InputInjector injector,
            SharedArea area,
                           PrintWriter out) {
        this.ticket = ticket;
        this.connector = connector;
        this.fps = fps;
        this.capture = capture;
        this.injector = injector;
        this.area = area;
        this.out = out;
    }

    /**
     * Joins the session (events come to this loop). The key is spent by now, so a relay that cannot
     * be reached is tried again a few times (1, 2, 4 s) before giving up; a refusal is final.
     *
     * @throws RuntimeException the last failure, if the relay refused or could not be reached
     */
    public SessionClient connect() throws InterruptedException {
        Duration pause = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                return connector.connect(this);
            } catch (RuntimeException failed) {
                if (attempt == FIRST_CONNECT_ATTEMPTS || upgradeStatus(failed).isPresent()) {
                    throw failed;
                }
                say("cannot reach the session yet (" + failed.getMessage() + "); trying again in " + pause.toSeconds() + " s");
                Thread.sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Runs the session {@code client} joined until it ends; returns the exit code (0). */
    public int run(SessionClient client) throws InterruptedException {
        this.client = client;
        this.bar = ControlBar.show(ticket.technician().orElse("your technician"), new ControlBar.Listener() {
            @Override
            public void onPause(boolean pause) {
                later(() -> setPaused(pause));
            }

            @Override
            public void onTakeBackControl() {
                later(() -> control.revoke("the customer took back control"));
            }

            @Override
            public void onEndSession() {
                stop("the customer ended the session");
            }

            @Override
            public void onSendChat(String text) {
                later(() -> chat(text));
            }
        });
        this.control = new RemoteControl(client, injector, RemoteControl.Display.of(bar::controlledBy, bar::noController), out);
        bar.setStatus("Waiting for the technician to connect. Nothing is shown yet.");
        say("joined support session " + ticket.sessionId() + " as participant " + client.id());
        try {
            runUntilStopped();
        } finally {
            // input first: from here on nothing the technician sends is applied
            control.close();
            stopSharing();
            stopReconnecting();
            say("session ended: " + (stopReason() == null ? "interrupted" : stopReason()));
            client.leave();
            prompts.shutdownNow();
            bar.close();
            finished();
        }
        return 0;
    }

    @Override
    protected void handle(SessionEvent event) {
        switch (event) {
            case SessionEvent.EpochChanged changed -> epoch(changed.membership());
            case SessionEvent.RosterChanged roster -> {
                control.keepOnlyPresent(roster.participants());
                reviewMembers(); // a member's id may now stand for another key
            }
            case SessionEvent.ContentReceived content -> content(content);
            case SessionEvent.ChatReceived chat -> {
                bar.addChat(chat.senderName(), chat.text());
                AgentLog.info("chat message from " + chat.senderName()); // who, never what
            }
            case SessionEvent.Waiting waiting -> waiting(waiting.participant());
            case SessionEvent.Closed closed -> closed(closed);
            case SessionEvent.Dropped dropped when dropped.reason() == DropReason.UNEXPECTED_ROSTER ->
                    // the server tried to bring an id back, or to give someone a key another has: said, never obeyed
                    say("refused the server's roster change: " + dropped.detail());
            default -> { }
        }
    }

    private void closed(SessionEvent.Closed closed) {
        if (closed.code() == RelayStatus.NORMAL.closeCode()) {
            stopNow("the session ended");
        } else if (lost(closed.code())) {
            connectionLost(closed.code() + " " + closed.reason());
        } else {
            stopNow("the session ended: " + closed.reason());
        }
    }

    /** Close codes of a connection that broke rather than one the server ended (those are 4xxx, with a reason). */
    private static boolean lost(int code) {
        return LOST.stream().anyMatch(status -> status.closeCode() == code);
    }

    private void connectionLost(String how) {
        control.revoke("the connection to the server was lost");
        stopSharing();
        members.clear();
        membership = null;
        bar.setCode("—");
        bar.setStatus("Connection lost: reconnecting. Nothing is shown and nobody controls this computer.");
        say("connection lost (" + how + "); reconnecting for up to " + RECONNECT_FOR.toMinutes() + " minutes");
        retries = Thread.ofVirtual().name("parley-reconnect").start(this::reconnect);
    }

    /** Off the loop's thread: tries again with growing pauses until connected, refused or out of time. */
    private void reconnect() {
        long deadline = System.nanoTime() + RECONNECT_FOR.toNanos();
        Duration pause = FIRST_RETRY;
        try {
            while (System.nanoTime() + pause.toNanos() < deadline) {
                Thread.sleep(pause);
                var arrival = new Arrival();
                try {
                    arrived(connector.connect(arrival), arrival);
                    return;
                } catch (RuntimeException failed) {
                    OptionalInt refused = upgradeStatus(failed);
                    if (refused.isPresent() && refused.getAsInt() / 100 == 4) {
                        stop("the session ended while the connection was lost (HTTP " + refused.getAsInt() + ")");
                        return;
                    }
                    AgentLog.info("reconnecting failed: " + failed.getMessage());
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause.multipliedBy(2);
            }
            stop("the connection to the server was lost and did not come back within " + RECONNECT_FOR.toMinutes() + " minutes");
        } catch (InterruptedException ending) {
            Thread.currentThread().interrupt();
        }
    }

    private void arrived(SessionClient fresh, Arrival arrival) {
        synchronized (reconnecting) {
            if (ending) {
                fresh.leave();
                return;
            }
            arriving = fresh;
        }
        later(() -> resumed(fresh, arrival));
    }

    /** On the loop's thread: the new connection takes over; what it heard meanwhile is handled first, in order. */
    private void resumed(SessionClient fresh, Arrival arrival) {
        synchronized (reconnecting) {
            arriving = null;
        }
        client = fresh;
        control.close();
        control = new RemoteControl(fresh, injector, RemoteControl.Display.of(bar::controlledBy, bar::noController), out);
        say("reconnected to support session " + ticket.sessionId() + " as participant " + fresh.id());
        bar.setStatus("Reconnected. Nothing is shown until the technician's key arrives.");
        arrival.takeOver(this::handle);
    }

    private void stopReconnecting() {
        synchronized (reconnecting) {
            ending = true;
            if (arriving != null) {
                arriving.leave();
                arriving = null;
            }
        }
        if (retries != null) {
            retries.interrupt();
        }
    }

    /** The HTTP status the relay refused the upgrade with, if that is why connecting failed. */
    private static OptionalInt upgradeStatus(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException refused) {
                return OptionalInt.of(refused.getResponse().statusCode());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The listener of a new connection: its events wait until the loop has taken the connection
     * over, so none of them is handled as if it came from the old one.
     */
    private final class Arrival implements SessionListener {
        private final List<SessionEvent> early = new ArrayList<>();
        private boolean live;

        @Override
        public void on(SessionEvent event) {
            synchronized (this) {
                if (!live) {
                    early.add(event);
                    return;
                }
            }
            AssistedSession.this.on(event);
        }

        synchronized void takeOver(java.util.function.Consumer<SessionEvent> handler) {
            early.forEach(handler);
            early.clear();
            live = true;
        }
    }

    private void epoch(Membership membership) {
        this.membership = membership;
        Set<Integer> before = Set.copyOf(members);
        members.clear();
        members.addAll(membership.members());
        members.remove(client.id());
        bar.setCode(membership.code().text());
        if (control.controller() != 0 && !members.contains(control.controller())) {
            control.revoke("the controller no longer holds the session key");
        }
        askAboutUnansweredMembers();
        if (!before.containsAll(members)) {
            schedule.force(); // newcomers have seen nothing of the screen
            control.announce(); // nor heard who controls it (after a reconnect: no one)
        }
        updateSharing();
    }

    /** After a roster change: a member now listed with another key is asked about, and stops the screen until then. */
    private void reviewMembers() {
        if (membership == null) {
            return;
        }
        askAboutUnansweredMembers();
        updateSharing();
    }

    private void askAboutUnansweredMembers() {
        for (int viewer : members) {
            Optional<Participant> who = participant(viewer);
            if (who.isPresent() && consent.startQuestion(who.get())) {
                askToView(who.get());
            }
        }
    }

    /**
     * We hold the keys (the technician left: a transfer, a reload) and someone waits: a technician
     * gets in only if the customer allows them to see the screen; anyone else is left waiting.
     */
    private void waiting(Participant who) {
        if (!who.role().equals("organizer") && !who.role().equals("technician")) {
            return;
        }
        if (consent.allows(who)) {
            admit(who);
        } else if (consent.startQuestion(who)) {
            askToView(who);
        }
    }

    /** Admits {@code who} if its id is still waiting with the same key: the key is what was allowed. */
    private void admit(Participant who) {
        if (client.waiting().stream().noneMatch(p -> sameKey(p, who))) {
            return;
        }
        try {
            client.admit(who.id());
        } catch (IllegalStateException notWaitingAnyMore) {
            // they left, or someone else holds the keys now: nothing to admit
        }
    }

    private void askToView(Participant who) {
        KeyFingerprint key = KeyFingerprint.of(who.publicKey());
        // a controller could click "Allow" for the customer: nobody controls while a prompt is up
        control.revoke("asking the customer about a new viewer");
        say("asking the customer whether " + who.name() + " (participant " + who.id() + ", key " + key + ") may see the screen");
        prompts.execute(() -> {
            Answer answer = ask(Question.view(who.name(), ticket.organisation().orElse(""), key));
            later(() -> viewAnswered(who, key, answer));
        });
    }

    /** The answer is about the key asked about, whoever holds the id now. */
    private void viewAnswered(Participant who, KeyFingerprint key, Answer answer) {
        AgentLog.info("viewing consent for participant " + who.id() + " (key " + key + "): " + answer);
        consent.answered(who, answer);
        if (answer.allowed()) {
            say("the customer allowed " + who.name() + " (key " + key + ") to see the screen");
            admit(who);
        } else {
            say("the customer did not allow " + who.name() + " (key " + key + ") to see the screen (" + answer + ")");
            boolean technician = members.contains(who.id())
                    && participant(who.id()).filter(p -> sameKey(p, who) && p.organizer()).isPresent();
            if (technician) {
                stopNow("the customer declined the technician");
                return;
            }
        }
        updateSharing();
    }

    private void content(SessionEvent.ContentReceived content) {
        if (content.kind() == RemoteControl.INPUT_KIND) {
            control.input(content.sender(), content.epoch(), content.body());
        } else if (content.kind() == TileFormat.KEYFRAME_REQUEST_KIND) {
            schedule.request();
            if (stream != null) {
                area.announceIfDue(client);
            }
        } else if (content.kind() == SharedArea.SHOW_KIND && stream != null
                && participant(content.sender()).filter(consent::allows).isPresent() && members.contains(content.sender())) {
            // README §9: whoever the customer lets see the screen may pick which monitor
            say(area.requested(client, content.sender(), content.body()));
        } else if (content.kind() == RemoteControl.REQUEST_KIND) {
            controlRequested(content.sender());
        }
    }

    /** A request for control from someone who may see the screen; anyone else's is ignored. */
    private void controlRequested(int viewer) {
        Optional<Participant> requester = participant(viewer);
        if (askingControl || paused || requester.isEmpty() || !consent.allows(requester.get()) || !members.contains(viewer)
                || control.controller() == viewer) {
            return;
        }
        askingControl = true;
        control.revoke("asking the customer about control");
        Participant askedAbout = requester.get();
        prompts.execute(() -> {
            Answer answer = ask(Question.control(askedAbout.name(), KeyFingerprint.of(askedAbout.publicKey())));
            later(() -> controlAnswered(askedAbout, answer));
        });
    }

    private void controlAnswered(Participant askedAbout, Answer answer) {
        askingControl = false;
        int viewer = askedAbout.id();
        AgentLog.info("control consent for participant " + viewer + ": " + answer);
        Optional<Participant> who = participant(viewer).filter(p -> sameKey(p, askedAbout));
        boolean stillAllowed = who.isPresent() && consent.allows(who.get()) && members.contains(viewer) && !paused;
        if (answer.allowed() && stillAllowed && !viewQuestionOpen()) {
            control.grant(who.get());
        } else if (answer.allowed() && viewQuestionOpen()) {
            // a prompt about a viewer is up or queued: whoever controls could click it for the customer
            say("control not given to participant " + viewer + ": a question about who may see the screen is still open");
        } else {
            say("control not given to participant " + viewer + " (" + answer + ")");
        }
    }

    /** A viewing prompt is shown or waiting to be shown. */
    private boolean viewQuestionOpen() {
        return consent.questionOpen();
    }

    private Optional<Participant> participant(int id) {
        return client.participants().stream().filter(p -> p.id() == id).findFirst();
    }

    /** The same id with the same key: ids are the relay's and are reused (a room made anew, a forged roster). */
    private static boolean sameKey(Participant a, Participant b) {
        return a.id() == b.id() && Arrays.equals(a.publicKey(), b.publicKey());
    }

    private void setPaused(boolean pause) {
        paused = pause;
        if (pause) {
            control.revoke("the customer paused viewing");
        }
        AgentLog.info(pause ? "the customer paused viewing" : "the customer resumed viewing");
        try {
            client.sendContent(SHARING_STATE_KIND, ("{\"paused\":" + pause + "}").getBytes(StandardCharsets.UTF_8), 0);
        } catch (IllegalStateException noKeyYet) {
            // nobody holds a key yet: nobody to tell
        }
        updateSharing();
    }

    private void chat(String text) {
        try {
            client.sendChat(text);
            AgentLog.info("chat message sent by the customer");
        } catch (IllegalStateException | IllegalArgumentException notSent) {
            bar.setStatus("Your message was not sent: " + notSent.getMessage());
        }
    }

    /** Sends the screen only when everyone who holds the key is allowed and viewing is not paused. */
    private void updateSharing() {
        boolean everyoneAllowed = membership != null && consent.allowsAll(members, client.participants());
        if (everyoneAllowed && !paused) {
            if (stream == null) {
                schedule.force();
                stream = new ScreenStream(client, capture, schedule, fps);
                // sealed only in the epoch whose holders were all allowed: a key that arrives for a
                // newcomer switches the session's epoch before we learn who got it
                stream.sendOnlyIn(membership.epoch());
                streamStarted = System.nanoTime();
                stream.start();
                say("sharing this screen with " + names(members) + ": " + area.describe());
                area.announce(client);
            }
            stream.sendOnlyIn(membership.epoch());
            bar.setStatus("Sharing your screen with " + names(members) + ".");
        } else {
            stopSharing();
            bar.setStatus(paused ? "Viewing paused: nothing is shown." : members.isEmpty()
                    ? "Waiting for the technician to connect. Nothing is shown yet."
                    : "Nothing is shown until you allow everyone in the session.");
        }
    }

    private void stopSharing() {
        if (stream != null) {
            stream.stop();
            stream.report(out, System.nanoTime() - streamStarted);
            stream = null;
        }
    }

    private String name(int id) {
        return client.participants().stream().filter(p -> p.id() == id).map(Participant::name).findFirst()
                .orElse("participant " + id);
    }

    private String names(Set<Integer> ids) {
        List<String> names = ids.stream().sorted().map(this::name).toList();
        return String.join(", ", names);
    }

    private static Answer ask(Question question) {
        try {
            return org.parley.agent.consent.ConsentPrompt.ask(question);
        } catch (InterruptedException ended) {
            Thread.currentThread().interrupt();
            return Answer.DECLINE;
        }
    }

    private void say(String line) {
        AgentLog.info(line);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
