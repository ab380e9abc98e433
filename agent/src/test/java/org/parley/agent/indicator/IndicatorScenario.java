package org.parley.agent.indicator;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.parley.agent.desktop.ChildMain;

/** Child-JVM part of {@link SharingIndicatorOnXvfbTest}: shows the indicator, changes it, clicks Stop. */
public final class IndicatorScenario {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private IndicatorScenario() {
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> {
            CountDownLatch stopped = new CountDownLatch(1);
            SharingIndicator indicator = SharingIndicator.show(stopped::countDown);
            ChildMain.await(TIMEOUT, "the indicator on screen", indicator::isShowingOnTop);
            child.say("text " + indicator.text());

            Robot robot = new Robot(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice());
            Rectangle bounds = indicator.bounds();
            child.say("at top centre " + (bounds.y == 0 && Math.abs(bounds.x + bounds.width / 2 - 960) <= 1));
            BufferedImage shot = ChildMain.awaitValue(TIMEOUT, "the indicator's colour on screen", () -> {
                BufferedImage image = robot.createScreenCapture(bounds);
                return (image.getRGB(2, 2) & 0xffffff) == 0xb3261e ? image : null;
            });
            child.say("visible " + shot.getWidth() + "x" + shot.getHeight());

            indicator.controlledBy("Alice");
            ChildMain.await(TIMEOUT, "the new text", () -> indicator.text().endsWith("Alice is in control"));
            child.say("text " + indicator.text());
            indicator.controlledBy("<html><b>Mallory</b>\u0007" + "x".repeat(60));
            ChildMain.await(TIMEOUT, "the long name", () -> indicator.text().contains("Mallory"));
            child.say("text " + indicator.text());
            indicator.noController();
            ChildMain.await(TIMEOUT, "no controller", () -> indicator.text().endsWith("no one is in control"));
            child.say("text " + indicator.text());

            Rectangle stop = ChildMain.awaitValue(TIMEOUT, "the Stop button laid out", () -> {
                Rectangle button = indicator.stopButtonBounds();
                return indicator.bounds().contains(button) ? button : null;
            });
            robot.mouseMove(stop.x + stop.width / 2, stop.y + stop.height / 2);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            ChildMain.await(TIMEOUT, "the Stop callback", () -> stopped.getCount() == 0);
            child.say("stopped");
            indicator.close();
        });
    }
}
