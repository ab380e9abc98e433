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
            CountDownLatch revoked = new CountDownLatch(1);
            SharingIndicator indicator = SharingIndicator.show(stopped::countDown, revoked::countDown);
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
            child.say("revoke shown " + !indicator.revokeButtonBounds().isEmpty());
            click(robot, ChildMain.awaitValue(TIMEOUT, "the Revoke button laid out", () -> {
                Rectangle button = indicator.revokeButtonBounds();
                return !button.isEmpty() && indicator.bounds().contains(button) ? button : null;
            }));
            ChildMain.await(TIMEOUT, "the Revoke callback", () -> revoked.getCount() == 0);
            child.say("revoked");
            indicator.controlledBy("<html><b>Mallory</b>\u0007" + "x".repeat(60));
            ChildMain.await(TIMEOUT, "the long name", () -> indicator.text().contains("Mallory"));
            child.say("text " + indicator.text());
            indicator.noController();
            ChildMain.await(TIMEOUT, "no controller", () -> indicator.text().endsWith("no one is in control"));
            child.say("text " + indicator.text());
            child.say("revoke shown " + !indicator.revokeButtonBounds().isEmpty());

            Rectangle stop = ChildMain.awaitValue(TIMEOUT, "the Stop button laid out", () -> {
                Rectangle button = indicator.stopButtonBounds();
                return indicator.bounds().contains(button) ? button : null;
            });
            click(robot, stop);
            ChildMain.await(TIMEOUT, "the Stop callback", () -> stopped.getCount() == 0);
            child.say("stopped");
            indicator.close();
        });
    }

    private static void click(Robot robot, Rectangle button) {
        robot.mouseMove(button.x + button.width / 2, button.y + button.height / 2);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    }
}
