package org.parley.screen;

import java.awt.Robot;
import java.awt.event.InputEvent;

/** A person's click on the Xvfb screen (a child JVM with DISPLAY set): {@code Click x y}. */
public final class Click {
    private Click() {
    }

    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        robot.mouseMove(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        robot.delay(50);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.delay(30);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
        System.out.println("clicked");
    }
}
