package org.parley.agent.unattended;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.parley.agent.AgentLog;
import org.parley.agent.indicator.SharingIndicator;
import org.parley.agent.input.InputInjector;
import org.parley.agent.present.RemoteControl;
import org.parley.agent.present.ScreenStream;
import org.parley.agent.present.DesktopLoop;
import org.parley.agent.present.SharedArea;
import org.parley.agent.screen.KeyframeSchedule;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.access.AccessHandshakeException;
import org.parley.protocol.access.AccessHost;
import org.parley.protocol.access.AccessLockout;
import org.parley.protocol.access.HostStep;
import org.parley.protocol.access.RefusalReason;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;

/**
 * One relay connection of an unattended machine. The machine holds the keys (its roster role is
 * organizer); a caller the server lets in waits until it has proved the access password in the
 * handshake of protocol §10 — only then is it admitted, and as the one caller it gets the screen
 * and control, and every epoch it is given is confirmed to it with the handshake's key K. Anyone
 * else the server lets in stays in the waiting room with no key. The sharing indicator shows who is
 * connected; its Stop ends the connection (the service then reconnects fresh, so the caller's keys
 * are worthless). Everything runs on the thread that calls {@link #run}, except the password
 * events for the owner's list, which go to the server from a thread of their own ({@link PasswordEvents}).
 */
public final class UnattendedHost extends DesktopLoop {
    private static final Duration PERIODIC_KEYFRAME = Duration.ofSeconds(10);
    private final MachineFile machine;
    private final LockoutFile lockoutFile;
    private final AccessLockout lockout;
    private final ScreenCapture capture;
    private final InputInjector injector;
    private final SharedArea area;
    private final int fps;
    private final PrintWriter out;
    private final SecureRandom random = new SecureRandom();
    private final KeyframeSchedule schedule = new KeyframeSchedule(PERIODIC_KEYFRAME, Duration.ofMillis(500));
    private final Map<Integer, AccessHost> handshakes = new HashMap<>();
    private final StartThrottle starts = new StartThrottle(System::nanoTime);
    private final PasswordEvents events;
    private SessionClient client;
    private RemoteControl control;
    private SharingIndicator indicator;
    private ScreenStream stream;
    private int caller; // the admitted caller, 0 for none
    private byte[] callerKey; // K of the caller's handshake, which proves each epoch to it (protocol §10)
    private int closeCode;

    public UnattendedHost(MachineFile machine, MachineApi api, LockoutFile lockout, ScreenCapture capture, InputInjector injector,
            SharedArea area,
                          int fps, PrintWriter out) {
        this.machine = machine;
        this.lockoutFile = lockout;
        this.lockout = lockout.lockout();
        this.events = new PasswordEvents((participant, event) -> api.event(machine, participant, event));
        this.capture = capture;
        this.injector = injector;
        this.area = area;
        this.fps = fps;
        this.out = out;
    }

    /** Serves callers until the connection ends; returns the relay's close code (0 when we stopped). */
    public int run(SessionClient client) throws InterruptedException {
        this.client = client;
        this.control = new RemoteControl(client, injector, RemoteControl.Display.of(name -> {
            if (indicator != null) {
                indicator.controlledBy(name);
            }
        }, () -> {
            if (indicator != null) {
                indicator.noController();
            }
        }), out);
        say("online as \"" + machine.name() + "\"; waiting for a caller");
        try {
            runUntilStopped();
        } finally {
            events.close(); // what is queued still goes out
            control.close();
            endCall();
            say("connection ended: " + stopReason());
            client.leave();
            finished();
        }
        return closeCode;
    }

    @Override
    protected void handle(SessionEvent event) {
        switch (event) {
            case SessionEvent.Waiting waiting -> handshakes.put(waiting.participant().id(),
                    new AccessHost(machine.machineId(), machine.verifier(), lockout, random));
            case SessionEvent.HandshakeReceived message -> handshake(message.sender(), message.payload());
            case SessionEvent.EpochChanged changed -> epoch(changed.membership());
            case SessionEvent.RosterChanged roster -> {
                Set<Integer> present = roster.participants().stream().map(Participant::id).collect(Collectors.toSet());
                handshakes.keySet().retainAll(present);
                starts.retain(present);
                events.retain(present);
                if (caller != 0 && roster.participants().stream().noneMatch(p -> p.id() == caller)) {
                    say("the caller left");
                    control.revoke("the caller left");
                    endCall();
                }
            }
            case SessionEvent.ContentReceived content -> {
                if (content.kind() == RemoteControl.INPUT_KIND) {
                    control.input(content.sender(), content.epoch(), content.body());
                } else if (content.kind() == TileFormat.KEYFRAME_REQUEST_KIND) {
                    schedule.request();
                    if (stream != null) {
                        area.announceIfDue(client);
                    }
                } else if (content.kind() == SharedArea.SHOW_KIND && stream != null
                        && content.sender() == caller && caller != 0) {
                    say(area.requested(client, content.sender(), content.body())); // README §9: the caller picks the monitor
                }
            }
            case SessionEvent.Closed closed -> {
                closeCode = closed.code();
                stopNow("the relay closed the connection (" + closed.code() + " " + closed.reason() + ")");
            }
            default -> { }
        }
    }

    private void handshake(int sender, byte[] payload) {
        AccessHost host = handshakes.get(sender);
        Optional<Participant> who = participant(sender);
        Optional<Participant> me = participant(client.id());
        if (host == null || who.isEmpty() || me.isEmpty()) {
            return; // not waiting (already admitted, or unknown): nothing to answer
        }
        if (!starts.allow(sender, payload)) {
            return; // a start less than a second after the last: a flood, not a person typing a password
        }
        if (caller != 0) {
            send(sender, AccessHost.refusal(RefusalReason.BUSY, "Someone else is connected to this computer."));
            return;
        }
        HostStep step;
        try {
            step = host.receive(payload, who.get().publicKey(), me.get().publicKey());
        } catch (AccessHandshakeException malformed) {
            AgentLog.warn("malformed access handshake from participant " + sender + ": " + malformed.getMessage());
            return;
        }
        // the owner's list is told of the outcome (queued before the caller hears of it), but the
        // caller does not wait for that call to the server: see PasswordEvents
        switch (step) {
            case HostStep.Accepted accepted -> {
                handshakes.remove(sender);
                events.report(sender, PasswordEvents.ACCEPTED);
                caller = sender;
                callerKey = accepted.sessionKey();
                if (!send(sender, step.message())) {
                    endCall();
                    return;
                }
                // the caller may have left meanwhile, and admit throws for someone no longer waiting
                // (the check leaves a moment for that, so the exception is expected too)
                try {
                    if (client.waiting().stream().noneMatch(p -> p.id() == sender)) {
                        throw new IllegalStateException("participant " + sender + " is no longer waiting");
                    }
                    say(who.get().name() + " proved the access password; admitting");
                    client.admit(sender);
                } catch (IllegalStateException gone) {
                    say(who.get().name() + " proved the access password but was not admitted: " + gone.getMessage());
                    endCall();
                }
            }
            case HostStep.Refused refused -> {
                say("refused " + who.get().name() + ": " + refused.reason().wire());
                if (refused.reason() == RefusalReason.PASSWORD) {
                    saveLockout(); // the failure was counted: on disk before the caller can try again
                    events.report(sender, lockout.lockedUntil().isPresent() ? PasswordEvents.LOCKED_OUT : PasswordEvents.REFUSED);
                } else if (refused.reason() == RefusalReason.LOCKED) {
                    events.report(sender, PasswordEvents.LOCKED_OUT);
                }
                send(sender, step.message());
            }
            case HostStep.Challenge challenge -> send(sender, step.message());
        }
    }

    /**
     * Sends a handshake message; false if the connection has ended meanwhile (its Closed event,
     * queued behind this one, then ends the loop).
     */
    private boolean send(int to, byte[] message) {
        try {
            client.sendHandshake(to, message);
            return true;
        } catch (IllegalStateException ended) {
            AgentLog.warn("could not send an access handshake message to participant " + to + ": " + ended.getMessage());
            return false;
        }
    }

    private void saveLockout() {
        try {
            lockoutFile.save();
        } catch (IOException e) {
            AgentLog.warn("cannot save the access lockout to " + lockoutFile.path() + " (" + e.getMessage()
                    + "); a restart would forget the wrong passwords counted since", e);
        }
    }

    private void epoch(Membership membership) {
        if (caller == 0 || !membership.includes(caller)) {
            return;
        }
        // the caller shows nothing sealed with an epoch until we confirm it (its KEY could as well have
        // come from the relay); frames it skipped meanwhile are repainted by the keyframe it then asks for
        Optional<Participant> who = participant(caller);
        if (who.isEmpty()) {
            return; // left before this epoch was handled: its roster change, queued behind, ends the call
        }
        if (!send(caller, AccessHost.epochConfirm(callerKey, membership.epoch(), membership.code()))) {
            return;
        }
        if (stream == null) {
            indicator = SharingIndicator.show(() -> stop("the person at this computer clicked Stop"),
                    () -> later(() -> control.revoke("the person at this computer clicked Revoke")));
            schedule.force();
            stream = new ScreenStream(client, capture, schedule, fps);
            stream.start();
            say("sharing this screen with " + who.get().name() + "; verification code " + membership.code().text() + "; "
                    + area.describe());
            area.announce(client);
            control.grant(who.get()); // unattended: the caller who knows the password controls
        }
    }

    private void endCall() {
        if (stream != null) {
            stream.stop();
            stream = null;
        }
        if (indicator != null) {
            indicator.close();
            indicator = null;
        }
        caller = 0;
        if (callerKey != null) {
            Arrays.fill(callerKey, (byte) 0);
            callerKey = null;
        }
    }

    private Optional<Participant> participant(int id) {
        return client.participants().stream().filter(p -> p.id() == id).findFirst();
    }

    private void say(String line) {
        AgentLog.info(line);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
