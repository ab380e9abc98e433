package org.parley.agent.consent;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;
import org.parley.agent.AgentLog;
import org.parley.agent.desktop.ChildMain;
import org.parley.protocol.keys.KeyFingerprint;

/**
 * Child-JVM part of {@link ConsentPromptOnXvfbTest}: asks questions and answers them as a customer
 * would, with real pointer and key events at the places the agent's log gives.
 */
public final class ConsentScenario {
    static final String MALLORY = "<html><b>Mallory</b>\u202e" + "x".repeat(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofMinutes(5);

    private final Path log;
    private final Robot robot;
    private final ChildMain child;
    private long shownBefore;

    private ConsentScenario(Path log, ChildMain child) throws Exception {
        this.log = log;
        this.child = child;
        this.robot = new Robot(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice());
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> new ConsentScenario(AgentLog.install(Path.of(args[1])), child).run(Path.of(args[0])));
    }

    private void run(Path result) throws Exception {
        CompletableFuture<Answer> answer = asking(Question.view("Alice Example", "Example Ltd", KeyFingerprint.parse("3f2a 9c01 77d4 e5b0")), LONG);
        Map<String, Rectangle> places = awaitShown("view");
        JDialog dialog = Shown.window(JDialog.class).orElseThrow();
        child.say("texts " + texts(dialog));
        child.say("on top " + dialog.isAlwaysOnTop());
        Rectangle bounds = Shown.bounds(dialog);
        child.say("centred " + (Math.abs(bounds.getCenterX() - 960) <= 1 && Math.abs(bounds.getCenterY() - 540) <= 1));
        child.say("log places match " + places.equals(Map.of(
                "allow", Shown.bounds(Shown.find(dialog, JButton.class, "Allow")),
                "decline", Shown.bounds(Shown.find(dialog, JButton.class, "Decline")))));
        ImageIO.write(robot.createScreenCapture(bounds), "png", result.resolveSibling("prompt.png").toFile());
        Shown.click(robot, places.get("allow"));
        answered("click Allow", answer);

        answer = asking(Question.control("Bob", KeyFingerprint.parse("5e59 94d0 3cc8 1e0f")), LONG);
        places = awaitShown("control");
        child.say("texts " + texts(Shown.window(JDialog.class).orElseThrow()));
        Shown.click(robot, places.get("decline"));
        answered("click Decline", answer);

        answer = asking(Question.view("Carol", null), LONG);
        awaitShown("view");
        child.say("texts " + texts(Shown.window(JDialog.class).orElseThrow()));
        press(KeyEvent.VK_ESCAPE);
        answered("Escape", answer);

        answer = asking(Question.view("Dan"), LONG);
        awaitShown("view");
        press(KeyEvent.VK_ENTER);
        answered("Enter", answer);

        answer = asking(Question.view(MALLORY, "<i>Evil</i>\nCorp"), LONG);
        awaitShown("view");
        dialog = Shown.window(JDialog.class).orElseThrow();
        child.say("texts " + texts(dialog));
        child.say("renders html " + Shown.rendersHtml(dialog));
        JDialog closing = dialog;
        SwingUtilities.invokeLater(() -> closing.dispatchEvent(new WindowEvent(closing, WindowEvent.WINDOW_CLOSING)));
        answered("close the window", answer);

        long start = System.nanoTime();
        answered("no answer", asking(Question.control("Erin"), Duration.ofMillis(1500)));
        child.say("waited the timeout " + (System.nanoTime() - start >= Duration.ofMillis(1500).toNanos()));

        earlyClickDoesNothing();
        askedOnTheEventThread();
    }

    /** A click that lands before Allow is armed (the prompt popped up under the pointer) is lost. */
    private void earlyClickDoesNothing() throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> PromptWindow.open(Question.view("Frank"), answer, LONG, LONG));
        JDialog dialog = ChildMain.awaitValue(TIMEOUT, "the prompt", () -> Shown.window(JDialog.class).orElse(null));
        JButton allow = Shown.find(dialog, JButton.class, "Allow");
        Shown.click(robot, Shown.bounds(allow));
        SwingUtilities.invokeAndWait(() -> { });
        child.say("early click: answered " + answer.isDone() + ", allow enabled " + EventThread.call(allow::isEnabled));
        Shown.click(robot, Shown.bounds(Shown.find(dialog, JButton.class, "Decline")));
        answered("then Decline", answer);
    }

    /** {@code ask} on the event thread keeps the event thread serving the prompt, as a modal dialog does. */
    private void askedOnTheEventThread() throws Exception {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        shownBefore = LoggedPlaces.count(log, "consent prompt shown:");
        SwingUtilities.invokeLater(() -> {
            try {
                answer.complete(ConsentPrompt.ask(Question.control("Grace"), LONG));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        Shown.click(robot, awaitShown("control").get("allow"));
        answered("click Allow, asked on the event thread", answer);
    }

    /** The places of the first prompt shown since the last {@link #asking}; it asks {@code question}. */
    private Map<String, Rectangle> awaitShown(String question) throws InterruptedException {
        String line = LoggedPlaces.awaitLine(log, "consent prompt shown:", shownBefore + 1);
        if (!line.contains("question=" + question + " ")) {
            throw new AssertionError("expected the " + question + " question, the log says: " + line);
        }
        return LoggedPlaces.places(line);
    }

    private void press(int key) {
        robot.keyPress(key);
        robot.keyRelease(key);
    }

    private void answered(String how, CompletableFuture<Answer> answer) throws Exception {
        child.say(how + " → " + answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        ChildMain.await(TIMEOUT, "the prompt gone", () -> Shown.windowsShowing() == 0);
    }

    private static List<String> texts(JDialog dialog) {
        return Shown.texts(dialog.getContentPane()).stream().map(t -> t.replaceAll("\\d:\\d\\d", "m:ss")).toList();
    }

    private CompletableFuture<Answer> asking(Question question, Duration timeout) {
        shownBefore = LoggedPlaces.count(log, "consent prompt shown:");
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                answer.complete(ConsentPrompt.ask(question, timeout));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }
}
