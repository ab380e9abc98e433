package org.parley.screen;

import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A person at the Xvfb screen (a child JVM with DISPLAY set) who takes one command a line on
 * standard input, so a timed step does not wait for a JVM to start: {@code type x y <digits and
 * spaces>} clicks into the field at x,y, selects what is there, types over it with real key events
 * and presses Enter; {@code click x y} clicks. Each answers {@code typed <nanoTime>} or
 * {@code clicked <nanoTime>} once done (System.nanoTime is the machine's monotonic clock on Linux,
 * comparable across JVMs).
 */
public final class Person {
    private Person() {
    }

    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        robot.setAutoDelay(15); // a fast typist; the toolkit sees every press and release in order
        System.out.println("ready");
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ", 4);
            click(robot, Integer.parseInt(words[1]), Integer.parseInt(words[2]));
            if (words[0].equals("type")) {
                robot.keyPress(KeyEvent.VK_CONTROL);
                press(robot, KeyEvent.VK_A);
                robot.keyRelease(KeyEvent.VK_CONTROL);
                for (char c : words[3].toCharArray()) {
                    press(robot, c == ' ' ? KeyEvent.VK_SPACE : KeyEvent.VK_0 + (c - '0'));
                }
                press(robot, KeyEvent.VK_ENTER);
                robot.waitForIdle();
                System.out.println("typed " + System.nanoTime());
            } else {
                robot.waitForIdle();
                System.out.println("clicked " + System.nanoTime());
            }
        }
    }

    private static void click(Robot robot, int x, int y) {
        robot.mouseMove(x, y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
    }

    private static void press(Robot robot, int key) {
        robot.keyPress(key);
        robot.keyRelease(key);
    }
}
