package org.parley.agent.consent;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JTextField;
import org.parley.agent.AgentLog;
import org.parley.agent.desktop.ChildMain;

/**
 * Child-JVM part of {@link ControlBarOnXvfbTest}: shows the bar, changes it as a session would and
 * clicks its buttons with real pointer events at the places the agent's log gives.
 */
public final class ControlBarScenario implements ControlBar.Listener {
    static final String MALLORY = "<html><b>Mallory</b>" + "x".repeat(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SHOWN = "control bar shown:";

    private final BlockingQueue<String> clicked = new LinkedBlockingQueue<>();
    private final Path log;
    private final ChildMain child;
    private final Robot robot;
    private ControlBar bar;
    private JFrame window;

    private ControlBarScenario(Path log, ChildMain child) throws Exception {
        this.log = log;
        this.child = child;
        this.robot = new Robot(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice());
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> new ControlBarScenario(AgentLog.install(Path.of(args[1])), child).run(Path.of(args[0])));
    }

    private void run(Path result) throws Exception {
        bar = ControlBar.show("Alice Example", this);
        Map<String, Rectangle> places = LoggedPlaces.places(LoggedPlaces.awaitLine(log, SHOWN, 1));
        window = Shown.window(JFrame.class).orElseThrow();
        Rectangle bounds = Shown.bounds(window);
        child.say("texts " + texts());
        child.say("top centre " + (bounds.y == 0 && Math.abs(bounds.getCenterX() - 960) <= 1) + ", on top " + window.isAlwaysOnTop());
        child.say("colour " + colour(bounds));
        child.say("logged " + places.keySet() + ", where they are " + places.equals(buttonPlaces()));
        child.say("can take the focus " + EventThread.call(window::isFocusableWindow));

        bar.setCode("4821 9930");
        awaitText("Support session with Alice Example · code 4821 9930");
        Shown.click(robot, places.get("takeBack"));
        child.say("take back while no one controls: " + events());
        bar.controlledBy("Bob");
        awaitText("Bob controls your mouse and keyboard.");
        Shown.click(robot, places.get("takeBack"));
        child.say("take back: " + next());
        bar.noController();
        awaitText("No one controls your mouse and keyboard.");

        Shown.click(robot, places.get("pause"));
        child.say("pause: " + next());
        awaitText("Resume viewing");
        child.say("texts " + texts());
        child.say("colour " + colour(bounds));
        Shown.click(robot, places.get("pause"));
        child.say("pause: " + next() + ", colour " + colour(bounds) + ", button " + awaitText("Pause viewing"));

        bar.addChat("Alice Example", "  Hello,\u0007 can you see this?  \n");
        JDialog chat = ChildMain.awaitValue(TIMEOUT, "the chat", () -> Shown.window(JDialog.class).orElse(null));
        awaitChat(chat, "Alice Example: Hello, can you see this?");
        child.say("a message opens the chat under the bar: " + (Shown.bounds(chat).y == bounds.y + bounds.height)
                + ", takes the focus " + EventThread.call(chat::isFocused) + ", buttons stayed " + places.equals(buttonPlaces()));
        Shown.click(robot, places.get("chat"));
        awaitText("Chat");
        child.say("Hide chat closes it: " + !EventThread.call(chat::isShowing));
        Shown.click(robot, places.get("chat"));
        awaitText("Hide chat");
        JTextField field = Shown.find(chat, JTextField.class, null);
        ChildMain.await(TIMEOUT, "the chat field focused", () -> EventThread.call(field::isFocusOwner));
        type("  hi there  \n");
        child.say("typed: " + next());
        type("   \n");
        child.say("typed blanks: " + events());
        int held = EventThread.call(() -> {
            field.setText("y".repeat(5_000));
            return field.getText().length();
        });
        Shown.click(robot, Shown.bounds(Shown.find(chat, JButton.class, "Send")));
        child.say("pasted 5000, field held " + held + ", sent: " + next());
        child.say("chat " + Shown.texts(chat.getContentPane()).stream()
                .map(t -> t.replaceAll("y{100,}", "y…y").replace("\n", " / ")).toList());
        ImageIO.write(robot.createScreenCapture(Shown.bounds(window).union(Shown.bounds(chat))), "png",
                result.resolveSibling("bar.png").toFile());

        bar.controlledBy(MALLORY);
        awaitText(PlainText.name(MALLORY, PlainText.MAX_NAME, "") + " controls your mouse and keyboard.");
        bar.setStatus("Reconnecting…");
        awaitText("Reconnecting…");
        child.say("texts " + texts().subList(0, 3) + ", renders html " + Shown.rendersHtml(window));
        Shown.click(robot, places.get("end"));
        child.say("end: " + next());
        bar.close();
        ChildMain.await(TIMEOUT, "the bar gone", () -> Shown.windowsShowing() == 0);
        child.say("closed, logged places once: " + (LoggedPlaces.count(log, SHOWN) == 1));
    }

    @Override
    public void onPause(boolean paused) {
        clicked.add("paused " + paused);
    }

    @Override
    public void onTakeBackControl() {
        clicked.add("take back control");
    }

    @Override
    public void onEndSession() {
        clicked.add("end session");
    }

    @Override
    public void onSendChat(String text) {
        clicked.add("chat " + (text.length() > 40 ? text.length() + " characters" : "\"" + text + "\""));
    }

    private List<String> texts() {
        return Shown.texts(window.getContentPane());
    }

    private static void awaitChat(JDialog chat, String line) throws InterruptedException {
        ChildMain.await(TIMEOUT, "\"" + line + "\" in the chat",
                () -> Shown.texts(chat.getContentPane()).stream().anyMatch(t -> t.contains(line)));
    }

    private String awaitText(String text) throws InterruptedException {
        ChildMain.await(TIMEOUT, "\"" + text + "\" on the bar", () -> texts().contains(text));
        return text;
    }

    private Map<String, Rectangle> buttonPlaces() {
        return Map.of("pause", button("Pause viewing", "Resume viewing"), "end", button("End session", null),
                "takeBack", button("Take back control", null), "chat", button("Chat", "Hide chat"));
    }

    private Rectangle button(String text, String other) {
        List<String> shown = texts();
        return Shown.bounds(Shown.find(window, JButton.class, other != null && shown.contains(other) ? other : text));
    }

    /** The next callback, waiting for it. */
    private String next() throws InterruptedException {
        String event = clicked.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new IllegalStateException("no callback within " + TIMEOUT);
        }
        return event;
    }

    /** The callbacks so far, once every input event sent has been handled. */
    private String events() {
        robot.waitForIdle();
        EventThread.call(() -> null); // what the input events queued on the event thread has run
        return clicked.isEmpty() ? "none" : String.join(", ", clicked);
    }

    private String colour(Rectangle bounds) {
        return String.format("%06x", robot.getPixelColor(bounds.x + 3, bounds.y + 3).getRGB() & 0xffffff);
    }

    /** Types lowercase letters, spaces and Enter with the keyboard. */
    private void type(String text) {
        for (char c : text.toCharArray()) {
            int key = c == '\n' ? KeyEvent.VK_ENTER : KeyEvent.getExtendedKeyCodeForChar(c);
            robot.keyPress(key);
            robot.keyRelease(key);
        }
        robot.waitForIdle();
    }
}
