package org.parley.agent.support;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.parley.agent.AgentLog;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.SessionListener;
import org.parley.protocol.envelope.RelayStatus;

/**
 * The customer's way into the session's relay with the ticket: joining, and joining again after the
 * connection is lost — with growing pauses, for as long as the server keeps the session for the
 * customer, and no longer once the relay refuses (the session is over). The key was spent on the
 * ticket, so the ticket is the only way back in.
 */
final class ReconnectingLink {
    /** As long as the server keeps the session for a customer whose connection was lost. */
    static final Duration RECONNECT_FOR = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final int FIRST_CONNECT_ATTEMPTS = 4;
    private static final Set<RelayStatus> LOST = EnumSet.of(RelayStatus.GOING_AWAY, RelayStatus.ABNORMAL, RelayStatus.INTERNAL,
            RelayStatus.SERVICE_RESTART, RelayStatus.TRY_AGAIN_LATER, RelayStatus.BAD_GATEWAY);

    /** How the retries end, told from their own thread. */
    interface Outcome {
        /** The connection is back; its events wait in {@code arrival} until the loop takes it over. */
        void reconnected(SessionClient fresh, Arrival arrival);

        /** It did not come back in time, or the relay refused it: the session is over, for {@code why}. */
        void over(String why);
    }

    /** How the retries wait: {@link #REAL}, or a test's clock that moves without sleeping. */
    interface Clock {
        long nanoTime();

        void sleep(Duration pause) throws InterruptedException;

        Clock REAL = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration pause) throws InterruptedException {
                Thread.sleep(pause);
            }
        };
    }

    private final AssistedSession.Connector connector;
    private final Clock clock;
    private final Consumer<String> say;
    private final Object lock = new Object();
    private boolean ending; // guarded by lock
    private SessionClient arriving; // a new connection not yet taken over by the loop; guarded by lock
    private Thread retries;

    ReconnectingLink(AssistedSession.Connector connector, Clock clock, Consumer<String> say) {
        this.connector = connector;
        this.clock = clock;
        this.say = say;
    }

    /**
     * Joins, events going to {@code listener}. The key is spent by now, so a relay that cannot be
     * reached is tried again a few times (1, 2, 4 s) before giving up; a refusal is final.
     *
     * @throws RuntimeException the last failure, if the relay refused or could not be reached
     */
    SessionClient join(SessionListener listener) throws InterruptedException {
        Duration pause = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                return connector.connect(listener);
            } catch (RuntimeException failed) {
                if (attempt == FIRST_CONNECT_ATTEMPTS || upgradeStatus(failed).isPresent()) {
                    throw failed;
                }
                say.accept("cannot reach the session yet (" + failed.getMessage() + "); trying again in " + pause.toSeconds() + " s");
                clock.sleep(pause);
                pause = longer(pause);
            }
        }
    }

    /** Close codes of a connection that broke rather than one the server ended (those are 4xxx, with a reason). */
    static boolean broke(int closeCode) {
        return LOST.stream().anyMatch(status -> status.closeCode() == closeCode);
    }

    /** Starts joining again off the loop's thread, so the customer's buttons keep working meanwhile. */
    void rejoin(SessionListener loop, Outcome outcome) {
        retries = Thread.ofVirtual().name("parley-reconnect").start(() -> retry(loop, outcome));
    }

    /** Tries again with growing pauses until connected, refused or out of time; ends quietly when interrupted. */
    void retry(SessionListener loop, Outcome outcome) {
        long deadline = clock.nanoTime() + RECONNECT_FOR.toNanos();
        Duration pause = FIRST_RETRY;
        try {
            while (clock.nanoTime() + pause.toNanos() < deadline) {
                clock.sleep(pause);
                var arrival = new Arrival(loop);
                try {
                    arrived(connector.connect(arrival), arrival, outcome);
                    return;
                } catch (RuntimeException failed) {
                    OptionalInt refused = upgradeStatus(failed);
                    // a 4xx is the server saying the session is gone; anything else may pass (a restart, a 502)
                    if (refused.isPresent() && refused.getAsInt() / 100 == 4) {
                        outcome.over("the session ended while the connection was lost (HTTP " + refused.getAsInt() + ")");
                        return;
                    }
                    AgentLog.info("reconnecting failed: " + failed.getMessage());
                }
                pause = longer(pause);
            }
            outcome.over("the connection to the server was lost and did not come back within " + RECONNECT_FOR.toMinutes() + " minutes");
        } catch (InterruptedException ending) {
            Thread.currentThread().interrupt();
        }
    }

    private void arrived(SessionClient fresh, Arrival arrival, Outcome outcome) {
        synchronized (lock) {
            if (ending) {
                fresh.leave();
                return;
            }
            arriving = fresh;
        }
        outcome.reconnected(fresh, arrival);
    }

    /** On the loop's thread: the connection that arrived is the session's now, and no longer ours to leave. */
    void takenOver() {
        synchronized (lock) {
            arriving = null;
        }
    }

    /** The session is ending: no retry goes on, and a connection that arrives meanwhile is left. */
    void close() {
        synchronized (lock) {
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

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
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
}
