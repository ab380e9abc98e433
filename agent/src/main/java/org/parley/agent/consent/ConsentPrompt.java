package org.parley.agent.consent;

import java.awt.SecondaryLoop;
import java.awt.Toolkit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.parley.agent.AgentLog;

/**
 * Asks the customer one {@link Question} in an always-on-top window in the middle of the screen and
 * waits for the answer: Allow, or Decline by any other way out, or {@link Answer#TIMED_OUT} when no
 * one answers in time. A prompt that cannot be shown (no display) declines.
 * <p>
 * When the Allow button becomes clickable, the log gets one line with the buttons' places on the
 * screen: {@code consent prompt shown: question=view allow=x,y,w,h decline=x,y,w,h}.
 * <p>
 * A click that reaches the X server is the customer's as far as Java can tell: do not ask while
 * someone else controls this desktop (take control back first), or the controller can answer for the customer.
 */
public final class ConsentPrompt {
    /** How long a prompt waits for an answer unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private ConsentPrompt() {
    }

    /** Asks {@code question}, waiting up to {@link #DEFAULT_TIMEOUT}; see {@link #ask(Question, Duration)}. */
    public static Answer ask(Question question) throws InterruptedException {
        return ask(question, DEFAULT_TIMEOUT);
    }

    /**
     * Shows the prompt and blocks until it is answered or {@code timeout} has passed; the window is
     * gone when this returns. May be called from any thread; on the Swing event thread it keeps
     * events flowing while it waits, as a modal dialog does.
     *
     * @throws InterruptedException if the calling thread is interrupted; the prompt is then declined and closed
     */
    public static Answer ask(Question question, Duration timeout) throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a consent prompt needs time to be answered, got " + timeout);
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answer.completeOnTimeout(Answer.TIMED_OUT, timeout.toMillis(), TimeUnit.MILLISECONDS);
        SwingUtilities.invokeLater(() -> open(question, answer, timeout));
        try {
            Answer given = SwingUtilities.isEventDispatchThread() ? awaitPumping(answer) : answer.get();
            AgentLog.info("consent prompt answered: question=" + question.code() + " answer=" + given);
            return given;
        } catch (InterruptedException e) {
            answer.complete(Answer.DECLINE);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a consent answer never fails", e);
        }
    }

    private static void open(Question question, CompletableFuture<Answer> answer, Duration timeout) {
        if (answer.isDone()) {
            return;
        }
        try {
            PromptWindow.open(question, answer, timeout, PromptWindow.ARMING);
        } catch (RuntimeException e) {
            AgentLog.warn("consent prompt could not be shown (question=" + question.code() + "), so it is declined", e);
            answer.complete(Answer.DECLINE);
        }
    }

    /** Waits on the event thread the way a modal dialog does: other events are still dispatched. */
    private static Answer awaitPumping(CompletableFuture<Answer> answer) {
        SecondaryLoop loop = Toolkit.getDefaultToolkit().getSystemEventQueue().createSecondaryLoop();
        // exit is queued behind enter: an answer that came before enter() would otherwise be missed
        answer.whenComplete((given, failure) -> SwingUtilities.invokeLater(loop::exit));
        loop.enter();
        return answer.join();
    }
}
