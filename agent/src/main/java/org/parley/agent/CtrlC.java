package org.parley.agent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Ctrl-C (or a service manager's SIGTERM) ends a running session cleanly: the JVM's shutdown hook
 * asks it to stop and waits up to ten seconds for it to have revoked control and left, so the
 * process never exits with the desktop still controllable.
 */
final class CtrlC {
    static final Duration GRACE = Duration.ofSeconds(10);

    /** How to wait for a stopped session to have torn down. */
    interface Ending {
        boolean awaitEnd(Duration timeout) throws InterruptedException;
    }

    private CtrlC() {
    }

    /** Runs {@code session} with the hook installed; {@code stop} is what the hook asks the session to do. */
    static int around(Consumer<String> stop, Ending ending, Callable<Integer> session) throws Exception {
        Thread hook = Thread.ofPlatform().unstarted(() -> stopAndWait(stop, ending));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return session.call();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and waits for the session to have finished, which it now has
            }
        }
    }

    /** What the hook does; also for commands whose session changes while they run. */
    static void stopAndWait(Consumer<String> stop, Ending ending) {
        stop.accept("interrupted (Ctrl-C)");
        try {
            ending.awaitEnd(GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
