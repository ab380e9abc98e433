package org.parley.agent.consent;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import org.parley.agent.AgentLog;
import org.parley.agent.desktop.ChildMain;

/**
 * Child-JVM part of {@link RecordWindowOnXvfbTest}: shows a session's record, clicks "Save…" and
 * the file chooser's "Save" with real pointer events, then "Close", at the places the log gives.
 */
public final class RecordWindowScenario {
    static final String TEXT = "Parley support session: what happened on this computer\n"
            + "2026-12-07 21:00:00  allowed \"<html><b>Eve</b>\" (key 0000 1111 2222 3333) to see the screen\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RecordWindowScenario() {
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> run(AgentLog.install(Path.of(args[1])), Path.of(args[2]), child));
    }

    private static void run(Path log, Path folder, ChildMain child) throws Exception {
        Robot robot = new Robot(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice());
        Path suggested = folder.resolve("parley-support-2026-12-07.txt");
        var saved = new CompletableFuture<Path>();
        var closed = new CompletableFuture<Void>();
        Thread.ofPlatform().start(() -> {
            try {
                RecordWindow.showUntilClosed(TEXT, suggested, file -> {
                    Files.writeString(file, TEXT, StandardCharsets.UTF_8);
                    saved.complete(file);
                });
                closed.complete(null);
            } catch (InterruptedException | RuntimeException e) {
                closed.completeExceptionally(e);
            }
        });
        Map<String, Rectangle> places = LoggedPlaces.places(LoggedPlaces.awaitLine(log, "session record shown:", 1));
        JFrame window = Shown.window(JFrame.class).orElseThrow();
        JTextArea shown = Shown.find(window.getContentPane(), JTextArea.class, null);
        child.say("logged " + places.keySet() + ", text shown as it is " + TEXT.equals(EventThread.call(shown::getText))
                + ", renders html " + Shown.rendersHtml(window.getContentPane()));

        Shown.click(robot, places.get("save"));
        JDialog chooser = ChildMain.awaitValue(TIMEOUT, "the file chooser", () -> Shown.window(JDialog.class).orElse(null));
        Shown.click(robot, Shown.bounds(Shown.find(chooser.getContentPane(), JButton.class, "Save")));
        Path file = saved.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        child.say("saved to the suggested file " + file.equals(suggested) + ", holding the text "
                + TEXT.equals(Files.readString(file, StandardCharsets.UTF_8)));
        ChildMain.await(TIMEOUT, "the status", () -> Shown.texts(window.getContentPane()).contains("Saved to " + file));
        child.say("says where: true");

        Shown.click(robot, places.get("close"));
        closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        child.say("closed " + (Shown.windowsShowing() == 0));
    }
}
