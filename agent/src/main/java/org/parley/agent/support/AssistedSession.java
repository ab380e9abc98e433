package org.parley.agent.support;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.parley.agent.AgentLog;
import org.parley.agent.consent.ControlBar;
import org.parley.agent.consent.Question;
import org.parley.agent.input.InputInjector;
import org.parley.agent.present.RemoteControl;
import org.parley.agent.present.DesktopLoop;
import org.parley.agent.present.SharedArea;
import org.parley.agent.screen.ScreenCapture;
import org.parley.agent.screen.TileFormat;
import org.parley.protocol.client.DropReason;
import org.parley.protocol.client.Membership;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.client.SessionListener;
import org.parley.protocol.envelope.RelayStatus;
import org.parley.protocol.keys.KeyFingerprint;

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
 * <p>
 * This class wires the parts and routes the session's events to them: {@link ReconnectingLink}
 * (joining, and again after a loss), {@link Consents} (what the customer is asked and said),
 * {@link ScreenSharing} (the stream), {@link Room} (who is in the session now).
 */
public final class AssistedSession extends DesktopLoop {
    public static final int SHARING_STATE_KIND = 0x16;
    /** As long as the server keeps the session for a customer whose connection was lost. */
    public static final Duration RECONNECT_FOR = ReconnectingLink.RECONNECT_FOR;

    /** Opens a connection to the session's relay with the same ticket, its events going to {@code listener}. */
    @FunctionalInterface
    public interface Connector {
        SessionClient connect(SessionListener listener);
    }

    private final SupportTicket ticket;
    private final InputInjector injector;
    private final PrintWriter out;
    private final ReconnectingLink link;
    private final ScreenSharing sharing;
    private final Room room = new Room();
    private final Consents consents;
    private final SystemInformationRequests systemInformation;
    private final SupportRecord record = new SupportRecord(java.time.Clock.systemDefaultZone());
    private RemoteControl control; // one per connection: a grant is to a participant of that connection
    private ControlBar bar;
    /** Control is asked for per request, by someone who may see the screen; granted to the key asked about. */
    private final Consents.Request controlRequest = new Consents.Request("control",
            who -> Question.control(who.name(), KeyFingerprint.of(who.publicKey())), who -> control.grant(who));

    public AssistedSession(SupportTicket ticket, Connector connector, int fps, ScreenCapture capture, InputInjector injector,
            SharedArea area, PrintWriter out) {
        this.ticket = ticket;
        this.injector = injector;
        this.out = out;
        this.link = new ReconnectingLink(connector, ReconnectingLink.Clock.REAL, this::say);
        this.sharing = new ScreenSharing(capture, area, fps, out, this::say);
        this.consents = new Consents(room, ticket.organisation().orElse(""), this::later, new Consents.Effects() {
            @Override
            public void revokeControl(String why) {
                control.revoke(why);
            }

            @Override
            public void reviewSharing() {
                updateSharing();
            }

            @Override
            public void end(String why) {
                stopNow(why);
            }

            @Override
            public void say(String line) {
                AssistedSession.this.say(line);
            }
        }, record);
        this.systemInformation = new SystemInformationRequests(room, consents::screenMayBeShown, this::later, this::say);
    }

    /**
     * Joins the session (events come to this loop). The key is spent by now, so a relay that cannot
     * be reached is tried again a few times (1, 2, 4 s) before giving up; a refusal is final.
     *
     * @throws RuntimeException the last failure, if the relay refused or could not be reached
     */
    public SessionClient connect() throws InterruptedException {
        return link.join(this);
    }

    /** Runs the session {@code client} joined until it ends; returns the exit code (0). */
    public int run(SessionClient client) throws InterruptedException {
        room.connected(client);
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
        this.control = newControl(client);
        bar.setStatus("Waiting for the technician to connect. Nothing is shown yet.");
        say("joined support session " + ticket.sessionId() + " as participant " + client.id());
        record.started(ticket.sessionId().toString(), ticket.technician().orElse(""), ticket.organisation().orElse(""));
        try {
            runUntilStopped();
        } finally {
            // input first: from here on nothing the technician sends is applied
            control.close();
            sharing.stop();
            link.close();
            say("session ended: " + (stopReason() == null ? "interrupted" : stopReason()));
            record.ended(stopReason() == null ? "interrupted" : stopReason());
            room.client().leave();
            consents.close();
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
            case SessionEvent.Waiting waiting -> consents.waiting(waiting.participant());
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
        } else if (ReconnectingLink.broke(closed.code())) {
            connectionLost(closed.code() + " " + closed.reason());
        } else {
            stopNow("the session ended: " + closed.reason());
        }
    }

    /** What the customer's record of this session holds: theirs to read and keep, never sent. */
    public SupportRecord record() {
        return record;
    }

    private void connectionLost(String how) {
        control.revoke("the connection to the server was lost");
        sharing.stop();
        room.lost();
        bar.setCode("—");
        bar.setStatus("Connection lost: reconnecting. Nothing is shown and nobody controls this computer.");
        say("connection lost (" + how + "); reconnecting for up to " + RECONNECT_FOR.toMinutes() + " minutes");
        record.connectionLost();
        link.rejoin(this, new ReconnectingLink.Outcome() {
            @Override
            public void reconnected(SessionClient fresh, Arrival arrival) {
                later(() -> resumed(fresh, arrival));
            }

            @Override
            public void over(String why) {
                stop(why);
            }
        });
    }

    /** On the loop's thread: the new connection takes over; what it heard meanwhile is handled first, in order. */
    private void resumed(SessionClient fresh, Arrival arrival) {
        link.takenOver();
        room.connected(fresh);
        control.close();
        control = newControl(fresh);
        say("reconnected to support session " + ticket.sessionId() + " as participant " + fresh.id());
        record.reconnected();
        bar.setStatus("Reconnected. Nothing is shown until the technician's key arrives.");
        arrival.takeOver(this::handle);
    }

    private RemoteControl newControl(SessionClient client) {
        return new RemoteControl(client, injector, record.showingOn(RemoteControl.Display.of(bar::controlledBy, bar::noController)), out);
    }

    private void epoch(Membership membership) {
        boolean newcomers = room.epoch(membership);
        bar.setCode(membership.code().text());
        if (control.controller() != 0 && !room.isMember(control.controller())) {
            control.revoke("the controller no longer holds the session key");
        }
        consents.askAboutNewKeys();
        if (newcomers) {
            sharing.newcomers(); // they have seen nothing of the screen
            control.announce(); // nor heard who controls it (after a reconnect: no one)
        }
        updateSharing();
    }

    /** After a roster change: a member now listed with another key is asked about, and stops the screen until then. */
    private void reviewMembers() {
        if (room.membership().isEmpty()) {
            return;
        }
        consents.askAboutNewKeys();
        updateSharing();
    }

    private void content(SessionEvent.ContentReceived content) {
        int sender = content.sender();
        if (content.kind() == RemoteControl.INPUT_KIND) {
            control.input(sender, content.epoch(), content.body());
        } else if (content.kind() == TileFormat.KEYFRAME_REQUEST_KIND) {
            sharing.keyframeRequested(room.client());
        } else if (content.kind() == SharedArea.SHOW_KIND && sharing.showing()
                && room.participant(sender).filter(consents::mayView).isPresent() && room.isMember(sender)) {
            // README §9: whoever the customer lets see the screen may pick which monitor
            say(sharing.monitorRequested(room.client(), sender, content.body()));
        } else if (content.kind() == RemoteControl.REQUEST_KIND && control.controller() != sender) {
            consents.requested(controlRequest, sender);
        } else if (content.kind() == SystemInformationRequests.REQUEST_KIND) {
            consents.requested(systemInformation.request(), sender); // README §9b
        }
    }

    private void setPaused(boolean pause) {
        record.paused(pause); // before what it causes: control ends because of it
        consents.pause(pause);
        AgentLog.info(pause ? "the customer paused viewing" : "the customer resumed viewing");
        try {
            room.client().sendContent(SHARING_STATE_KIND, ("{\"paused\":" + pause + "}").getBytes(StandardCharsets.UTF_8), 0);
        } catch (IllegalStateException noKeyYet) {
            // nobody holds a key yet: nobody to tell
        }
        updateSharing();
    }

    private void chat(String text) {
        try {
            room.client().sendChat(text);
            AgentLog.info("chat message sent by the customer");
        } catch (IllegalStateException | IllegalArgumentException notSent) {
            bar.setStatus("Your message was not sent: " + notSent.getMessage());
        }
    }

    /** Sends the screen only when everyone who holds the key is allowed and viewing is not paused. */
    private void updateSharing() {
        if (consents.screenMayBeShown()) {
            sharing.showIn(room, room.membership().orElseThrow().epoch());
            bar.setStatus("Sharing your screen with " + room.names() + ".");
        } else {
            sharing.stop();
            bar.setStatus(consents.paused() ? "Viewing paused: nothing is shown." : room.members().isEmpty()
                    ? "Waiting for the technician to connect. Nothing is shown yet."
                    : "Nothing is shown until you allow everyone in the session.");
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
