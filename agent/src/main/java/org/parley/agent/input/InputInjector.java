package org.parley.agent.input;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.event.KeyEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies input events (protocol README §9) to this desktop with {@link Robot}. Every body is
 * validated first; a refused or failing event is logged and dropped, never thrown to the caller's
 * loop. Keys and buttons held down are tracked so {@link #releaseAll()} can lift them when control
 * is revoked — otherwise a revoked controller could leave Ctrl held on the presenter's desktop.
 *
 * <p>Text: printable ASCII is typed as US-layout key strokes. Anything else is pasted — the text is
 * put on the clipboard and Ctrl+V pressed — because Robot can only press keys whose keysym is in the
 * current keymap: on Xvfb (and a US desktop) {@code ü} and {@code €} have none, and adding one needs
 * XChangeKeyboardMapping, which the JDK does not expose (measured: Robot with an extended key code
 * types nothing even after {@code xmodmap} maps a spare keycode to the keysym). The price: the
 * presenter's clipboard then holds the typed text, and an application must honour Ctrl+V.
 * Not thread-safe: call it from one thread.
 */
public final class InputInjector {
    private static final Logger LOG = Logger.getLogger(InputInjector.class.getName());

    private final Robot robot;
    private InputEventParser parser;
    private Rectangle area; // the shared area in screen coordinates: events' coordinates are relative to it
    private final PasteBoard pasteBoard;
    private final Set<Integer> heldKeys = new LinkedHashSet<>();
    private final Set<Integer> heldButtons = new LinkedHashSet<>();
    private long refused;

    InputInjector(Robot robot, Rectangle screen, Clipboard clipboard) {
        this.robot = robot;
        this.area = new Rectangle(screen);
        this.parser = new InputEventParser(screen.width, screen.height);
        this.pasteBoard = new PasteBoard(clipboard);
    }

    /**
     * An injector for the default screen and the system clipboard.
     *
     * @throws AWTException if the platform does not allow Robot (e.g. no display, headless)
     */
    public static InputInjector forDefaultScreen() throws AWTException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new AWTException("no display: the JVM is headless (is DISPLAY set?)");
        }
        var device = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
        Robot robot = new Robot(device);
        robot.setAutoDelay(0);
        robot.setAutoWaitForIdle(false);
        return new InputInjector(robot, device.getDefaultConfiguration().getBounds(),
                Toolkit.getDefaultToolkit().getSystemClipboard());
    }

    /**
     * From now on events are for {@code shared}, the monitor (or all of them) being shared: their
     * coordinates are pixels of its frames, checked against its size and moved by its origin.
     */
    public void area(Rectangle shared) {
        this.area = new Rectangle(shared);
        this.parser = new InputEventParser(shared.width, shared.height);
    }

    /**
     * Validates and applies one 0x11 body (the plaintext after the kind byte).
     *
     * @return whether it was applied; a refusal is logged with its reason
     */
    public boolean handle(byte[] body) {
        InputEvent event;
        try {
            event = parser.parse(body);
        } catch (RefusedInputException e) {
            refused++;
            LOG.warning(() -> "input event refused (" + refused + " so far): " + e.getMessage());
            return false;
        }
        try {
            apply(event);
            return true;
        } catch (RuntimeException e) {
            LOG.warning(() -> "input event " + event.getClass().getSimpleName() + " failed: " + e);
            return false;
        }
    }

    /** How many events were refused so far. */
    public long refused() {
        return refused;
    }

    /** Applies a validated event. */
    public void apply(InputEvent event) {
        switch (event) {
            case InputEvent.Move move -> robot.mouseMove(area.x + move.x(), area.y + move.y());
            case InputEvent.Button button -> press(button);
            case InputEvent.Wheel wheel -> turn(wheel);
            case InputEvent.Key key -> key(key.keyCode(), key.down());
            case InputEvent.Text text -> type(text.text());
            case InputEvent.Clipboard clipboard -> pasteBoard.hold(clipboard.text());
        }
    }

    /** Lifts every key and button an event left down (call when control is revoked or sharing stops). */
    public void releaseAll() {
        for (int keyCode : List.copyOf(heldKeys)) {
            key(keyCode, false);
        }
        for (int mask : List.copyOf(heldButtons)) {
            robot.mouseRelease(mask);
            heldButtons.remove(mask);
        }
    }

    private void press(InputEvent.Button button) {
        robot.mouseMove(area.x + button.x(), area.y + button.y());
        // browser numbering 0 main, 1 middle, 2 secondary = AWT buttons 1, 2, 3
        int mask = java.awt.event.InputEvent.getMaskForButton(button.button() + 1);
        if (button.down()) {
            robot.mousePress(mask);
            heldButtons.add(mask);
        } else {
            robot.mouseRelease(mask);
            heldButtons.remove(mask);
        }
    }

    private void turn(InputEvent.Wheel wheel) {
        if (wheel.dy() != 0) {
            robot.mouseWheel(wheel.dy());
        }
        if (wheel.dx() != 0) {
            // Robot has no horizontal wheel; Shift+wheel scrolls sideways in GTK, Qt, Swing and browsers
            robot.keyPress(KeyEvent.VK_SHIFT);
            robot.mouseWheel(wheel.dx());
            robot.keyRelease(KeyEvent.VK_SHIFT);
        }
    }

    private void key(int keyCode, boolean down) {
        if (down) {
            robot.keyPress(keyCode);
            heldKeys.add(keyCode);
        } else {
            robot.keyRelease(keyCode);
            heldKeys.remove(keyCode);
        }
    }

    private void type(String text) {
        if (!UsKeyboard.canType(text)) {
            pasteBoard.holdForPaste(text);
            stroke(new UsKeyboard.Stroke(KeyEvent.VK_V, false), KeyEvent.VK_CONTROL);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            UsKeyboard.Stroke stroke = UsKeyboard.stroke(text.charAt(i)).orElseThrow();
            stroke(stroke, stroke.shift() ? KeyEvent.VK_SHIFT : KeyEvent.VK_UNDEFINED);
        }
    }

    private void stroke(UsKeyboard.Stroke stroke, int modifier) {
        if (modifier != KeyEvent.VK_UNDEFINED) {
            robot.keyPress(modifier);
        }
        robot.keyPress(stroke.keyCode());
        robot.keyRelease(stroke.keyCode());
        if (modifier != KeyEvent.VK_UNDEFINED) {
            robot.keyRelease(modifier);
        }
    }
}
