package org.parley.agent.input;

/**
 * One validated input event (protocol README §9, kind 0x11). Coordinates are screen pixels inside
 * the screen; buttons are the browser's numbering (0 main, 1 middle, 2 secondary); wheel deltas
 * are notches (positive: down / right); keys are already mapped to AWT key codes.
 */
public sealed interface InputEvent {

    /** The pointer moved. */
    record Move(int x, int y) implements InputEvent {
    }

    /** A button went down or up at ({@code x}, {@code y}). */
    record Button(int button, boolean down, int x, int y) implements InputEvent {
    }

    /** The wheel turned. */
    record Wheel(int dx, int dy) implements InputEvent {
    }

    /** A physical key, by its {@code KeyboardEvent.code} and the AWT key code it maps to. */
    record Key(String code, int keyCode, boolean down) implements InputEvent {
    }

    /** Text as typed, in any script. */
    record Text(String text) implements InputEvent {
    }

    /** The controller's clipboard, to become ours. */
    record Clipboard(String text) implements InputEvent {
    }
}
