package org.parley.agent;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.agent.consent.RecordWindow;
import org.parley.agent.support.SupportRecord;

/**
 * What the customer gets of the session's record when it ends: it is printed on the terminal, saved
 * to the file given with {@code --record} (for a run without a display, or to keep it anyway), and,
 * where there is a display, shown in a window with "Save…" until the customer closes it.
 * Nothing of it leaves this computer.
 */
final class RecordShown {
    private final SupportRecord record;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ZoneId zone = ZoneId.systemDefault();
    private final CountDownLatch kept = new CountDownLatch(1);

    RecordShown(SupportRecord record, PrintWriter out, PrintWriter err) {
        this.record = record;
        this.out = out;
        this.err = err;
    }

    /** Prints the record and saves it to {@code file} if given; then shows it until closed, where there is a display. */
    void show(Optional<Path> file) throws InterruptedException {
        try {
            out.println();
            out.print(record.text(zone));
            out.flush();
            file.ifPresent(this::save);
        } finally {
            kept.countDown();
        }
        if (!GraphicsEnvironment.isHeadless()) {
            try {
                RecordWindow.showUntilClosed(record.text(zone), record.suggestedFile(Path.of(System.getProperty("user.home")), zone),
                        chosen -> record.save(chosen, zone));
            } catch (java.awt.HeadlessException noDisplay) {
                // printed and, if asked, saved: that is all a terminal-only run gets
            }
        }
    }

    /** For Ctrl-C: waits until the record has been printed and saved (not for the window). */
    boolean awaitKept(Duration timeout) throws InterruptedException {
        return kept.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void save(Path file) {
        try {
            record.save(file, zone);
            out.println("the session record was saved to " + file);
        } catch (IOException | RuntimeException failed) {
            err.println("parley-agent: the session record could not be saved to " + file + ": " + failed.getMessage());
            AgentLog.warn("the session record could not be saved: " + failed);
        }
        out.flush();
    }
}
