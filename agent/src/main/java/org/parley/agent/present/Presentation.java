package org.parley.agent.present;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import java.util.concurrent.CompletableFuture;

import java.util.concurrent.TimeUnit;
import org.parley.agent.indicator.SharingIndicator;
import org.parley.agent.input.InputInjector;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.KeyFingerprint;

/**
 * One presentation, from the session's first key to its end. Session events, the indicator's
 * buttons, timers and Ctrl-C are all queued and handled one at a time on the thread that calls
 * {@link #run}, so the state needs no locks and the listener returns at once. Sharing starts when
 * we hold a key; it ends on Stop, Ctrl-C or when the relay closes, and then control is revoked,
 * held keys and buttons are lifted, the indicator closes and we leave: nothing stays controllable.
 */
public final class Presentation extends DesktopLoop {
    private static final Duration PERIODIC_KEYFRAME = Duration.ofSeconds(10);
    private static final Duration KEYFRAME_REQUEST_GAP = Duration.ofMillis(500);

    /**
     * What the presenter decided on the command line: control goes to the member whose JOIN key has
     * the fingerprint {@code allowControl} — a key, never a name, which is the server's word.
     */
    public record Settings(int fps, Optional<KeyFingerprint> allowControl, Optional<Duration> revokeAfter) {
    }

    private final Settings settings;
    private final ScreenCapture capture;
    private final InputInjector injector;
    private final SharedArea area;
    private final PrintWriter out;
    private final KeyframeSchedule schedule = new KeyframeSchedule(PERIODIC_KEYFRAME, KEYFRAME_REQUEST_GAP);
    private final Set<Integer> members = new HashSet<>();
    private SessionClient client;
    private RemoteControl control;
    private ScreenStream stream;
    private long streamStarted;
    private boolean granted;

    public Presentation(Settings settings, ScreenCapture capture, InputInjector injector, SharedArea area, PrintWriter out) {
        this.settings = settings;
        this.capture = capture;
        this.injector = injector;
        this.area = area;
        this.out = out;
    }

    /** Presents in the session {@code client} joined, until it ends; returns the exit code (0). */
    public int run(SessionClient client) throws InterruptedException {
        this.client = client;
        SharingIndicator indicator = SharingIndicator.show(() -> stop("the presenter clicked Stop"),
                () -> later(() -> control.revoke("the presenter clicked Revoke control")));
        this.control = new RemoteControl(client, injector, RemoteControl.Display.of(indicator::controlledBy, indicator::noController), out);
        try {
            say("joined as participant " + client.id() + "; sharing starts once we hold the session key");
            runUntilStopped();
        } finally {
            say("stopping: " + (stopReason() == null ? "interrupted" : stopReason()));
            control.close();
            if (stream != null) {
                stream.stop();
                stream.report(out, System.nanoTime() - streamStarted);
                sharingStopped();
            }
            client.leave();
            indicator.close();
            finished();
        }
        return 0;
    }

    @Override
    protected void handle(SessionEvent event) {
        switch (event) {
            case SessionEvent.EpochChanged changed -> epoch(changed.membership());
            case SessionEvent.RosterChanged roster -> control.keepOnlyPresent(roster.participants());
            case SessionEvent.ContentReceived content -> content(content);
            case SessionEvent.Waiting waiting -> say(waiting.participant().name() + " (participant "
                    + waiting.participant().id() + ") has no invitation secret and waits to be admitted from a browser");
            case SessionEvent.Closed closed -> stopNow("the relay closed the connection (" + closed.code() + " "
                    + closed.reason() + ")");
            default -> { }
        }
    }

    /** README §9: 0x17 tells every viewer at once, before the leave, that the sharing ended by our choice. */
    private void sharingStopped() {
        try {
            client.sendContent(TileFormat.SHARING_STOPPED_KIND, new byte[0], 0);
        } catch (IllegalStateException closedOrNotAdmitted) {
            // nothing to tell: the connection is gone, and the relay tells the others we left
        }
    }

    private void content(SessionEvent.ContentReceived content) {
        if (content.kind() == RemoteControl.INPUT_KIND) {
            control.input(content.sender(), content.epoch(), content.body());
        } else if (content.kind() == TileFormat.KEYFRAME_REQUEST_KIND) {
            schedule.request();
            area.announceIfDue(client);
        } else if (content.kind() == SharedArea.SHOW_KIND) {
            if (content.sender() == control.controller() && content.sender() != 0) {
                say(area.requested(client, content.sender(), content.body())); // README §9: the controller switches monitors
            } else {
                say("monitor request from participant " + content.sender() + " ignored: not in control");
            }
        }
    }

    private void epoch(Membership membership) {
        Set<Integer> newcomers = new HashSet<>(membership.members());
        newcomers.removeAll(members);
        newcomers.remove(client.id());
        members.clear();
        members.addAll(membership.members());
        say("epoch " + membership.epoch() + ": members " + membership.members() + ", verification code "
                + membership.code().text());
        client.participants().stream().filter(p -> newcomers.contains(p.id())).forEach(p -> say("participant " + p.id()
                + " \"" + p.name() + "\" has key " + KeyFingerprint.of(p.publicKey())));
        if (stream == null) {
            stream = new ScreenStream(client, capture, schedule, settings.fps());
            streamStarted = System.nanoTime();
            stream.start();
            say("sharing this screen at up to " + settings.fps() + " frames/s: " + area.describe());
            area.announce(client);
        } else if (!newcomers.isEmpty()) {
            schedule.force(); // they hold the key from now on and have seen nothing of the screen
        }
        if (control.controller() != 0 && !membership.includes(control.controller())) {
            control.revoke("the controller no longer holds the session key");
        } else if (!newcomers.isEmpty()) {
            control.announce();
        }
        grantIfAllowed(membership);
    }

    /** {@code --allow-control}: the member of that key gets control once, when it first holds the session key. */
    private void grantIfAllowed(Membership membership) {
        if (granted || settings.allowControl().isEmpty()) {
            return;
        }
        KeyFingerprint key = settings.allowControl().get();
        List<Participant> named = holdersOf(key, client.participants(), membership, client.id());
        if (named.size() > 1) {
            // only a server announcing one key under two ids does this: give control to neither
            granted = true;
            say("not granting control: " + named.size() + " members have key " + key);
        } else if (named.size() == 1) {
            granted = true;
            control.grant(named.getFirst());
            settings.revokeAfter().ifPresent(after -> CompletableFuture.delayedExecutor(after.toMillis(),
                    TimeUnit.MILLISECONDS).execute(() -> later(() -> control.revoke("--revoke-after " + after.toSeconds() + " s"))));
        }
    }

    /** The members of {@code membership} other than {@code self} whose key has the fingerprint {@code key}. */
    static List<Participant> holdersOf(KeyFingerprint key, List<Participant> present, Membership membership, int self) {
        return present.stream().filter(p -> p.id() != self && membership.includes(p.id()) && key.matches(p.publicKey()))
                .toList();
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
