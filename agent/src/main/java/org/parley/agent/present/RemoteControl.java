package org.parley.agent.present;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.parley.agent.input.InputInjector;
import org.parley.protocol.client.Participant;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.keys.InputKey;

/**
 * Who may control this desktop, decided here alone. Input (0x11) is applied only when it is the
 * granted controller's own: its tag verifies under the input key only this presenter and that
 * controller can compute (protocol README §9.1; the SFrame sender alone would be any member's word),
 * and it is no replay ({@link InputGate}); anything else is dropped and counted, never its content. A grant or revocation is announced to
 * everyone (0x12) and shown on the indicator. Events are applied in order on one thread; each is
 * checked again there against the grant it arrived under, so nothing queued before a revocation is
 * applied after it, and a revocation lifts every key and button the controller held.
 */
public final class RemoteControl implements AutoCloseable {
    /** Where the desktop shows who is in control: the presenter's indicator or the customer's control bar. */
    public interface Display {
        void controlledBy(String name);

        void noController();

        /** No one controls any more, because {@code why} (a revocation); by default as {@link #noController()}. */
        default void noController(String why) {
            noController();
        }

        /** A display from its two actions, e.g. {@code Display.of(bar::controlledBy, bar::noController)}. */
        static Display of(java.util.function.Consumer<String> controlledBy, Runnable noController) {
            return new Display() {
                @Override
                public void controlledBy(String name) {
                    controlledBy.accept(name);
                }

                @Override
                public void noController() {
                    noController.run();
                }
            };
        }
    }

    public static final int INPUT_KIND = 0x11;
    public static final int GRANT_KIND = 0x12;
    /** A viewer asks for control (protocol §9); only the agent's person can say yes. */
    public static final int REQUEST_KIND = 0x15;
    private static final int LOGGED_REFUSALS = 20;

    private final SessionClient client;
    private final InputInjector injector;
    private final Display indicator;
    private final PrintWriter out;
    private final ExecutorService injection = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parley-input").daemon().factory());
    private final InputGate gate = new InputGate();
    private byte[] controllerKey; // the controller's JOIN public key when granted; null when no one
    private long grant; // which grant an event arrived under; every change of controller starts a new one
    private long ignored;
    private long unauthenticated;
    private long applied;

    public RemoteControl(SessionClient client, InputInjector injector, Display indicator, PrintWriter out) {
        this.client = client;
        this.injector = injector;
        this.indicator = indicator;
        this.out = out;
    }

    /** Gives control to {@code participant}, taking it from whoever had it. */
    public synchronized void grant(Participant participant) {
        if (gate.controller() == participant.id()) {
            return;
        }
        InputKey key;
        try {
            key = client.inputKey(client.id(), participant.id());
        } catch (IllegalArgumentException gone) {
            say("not granting control to participant " + participant.id() + ": " + gone.getMessage());
            return;
        }
        release();
        gate.open(key);
        controllerKey = participant.publicKey().clone();
        grant++;
        indicator.controlledBy(participant.name());
        say(participant.name() + " (participant " + participant.id() + ") is in control");
        announce();
    }

    /** Takes control back, if anyone has it; {@code why} is printed. */
    public synchronized void revoke(String why) {
        if (gate.controller() == 0) {
            return;
        }
        say("control revoked (" + why + "): participant " + gate.controller() + " is no longer in control");
        gate.close();
        controllerKey = null;
        grant++;
        release();
        indicator.noController(why);
        announce();
    }

    /**
     * Takes control back when the controller is no longer among {@code present} (the roster after a
     * change) with the key it was granted to: the id is the relay's, and may come back with another key.
     */
    public synchronized void keepOnlyPresent(java.util.List<Participant> present) {
        int controller = gate.controller();
        if (controller != 0 && present.stream().noneMatch(p -> p.id() == controller
                && java.util.Arrays.equals(p.publicKey(), controllerKey))) {
            revoke("the controller left the session");
        }
    }

    /** The participant in control, 0 when no one is. */
    public synchronized int controller() {
        return gate.controller();
    }

    /** Sends who is in control to everyone again (a newcomer did not hear the last announcement). */
    public synchronized void announce() {
        int controller = gate.controller();
        String json = "{\"controller\":" + (controller == 0 ? "null" : controller) + "}";
        try {
            client.sendContent(GRANT_KIND, json.getBytes(StandardCharsets.UTF_8), 0);
        } catch (IllegalStateException closed) {
            // no key or no connection: no one can receive it, and no one can send input either
        }
    }

    /**
     * A 0x11 body from {@code sender} in a frame sealed in {@code epoch}: applied if it is the
     * controller's own (README §9.1), else dropped and counted.
     */
    public synchronized void input(int sender, long epoch, byte[] body) {
        switch (gate.check(sender, epoch, body)) {
            case InputGate.NotInControl n -> {
                ignored++;
                if (ignored <= LOGGED_REFUSALS || ignored % 100 == 0) {
                    say("input from participant " + sender + " ignored: not in control (" + ignored + " ignored so far)");
                }
            }
            case InputGate.Unauthenticated u -> {
                unauthenticated++;
                if (unauthenticated <= LOGGED_REFUSALS || unauthenticated % 100 == 0) {
                    say("input from participant " + sender + " refused: " + u.reason() + " (" + unauthenticated
                            + " refused so far)");
                }
            }
            case InputGate.Accepted accepted -> {
                long under = grant;
                injection.execute(() -> {
                    if (stillGranted(under) && injector.handle(accepted.json())) {
                        countApplied();
                    }
                });
            }
        }
    }

    private synchronized boolean stillGranted(long under) {
        return grant == under;
    }

    private synchronized void countApplied() {
        applied++;
    }

    /** Revokes, lifts what is held and stops the injection thread. */
    @Override
    public void close() {
        revoke("sharing ended");
        injection.shutdown();
        try {
            if (!injection.awaitTermination(5, TimeUnit.SECONDS)) {
                say("input thread did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            say("remote control: " + applied + " events applied, " + ignored + " ignored (not from the controller), "
                    + unauthenticated + " unauthenticated (bad tag or replay), " + injector.refused() + " refused (malformed)");
        }
    }

    /** Queues {@link InputInjector#releaseAll()} after every event already queued. */
    private void release() {
        if (!injection.isShutdown()) {
            injection.execute(injector::releaseAll);
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
