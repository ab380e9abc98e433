package org.parley.agent.input;

import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code KeyboardEvent.code} values (UI Events KeyboardEvent code values) and the AWT key codes
 * Robot presses for them. Robot picks the X keycode through the key's US keysym, so the physical
 * position is right on a presenter with a US layout; left/right modifiers share one key code.
 */
final class PhysicalKeys {
    private static final Map<String, Integer> CODES = codes();

    private PhysicalKeys() {
    }

    static Optional<Integer> keyCode(String code) {
        return Optional.ofNullable(CODES.get(code));
    }

    private static Map<String, Integer> codes() {
        Map<String, Integer> codes = new HashMap<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            codes.put("Key" + c, KeyEvent.VK_A + (c - 'A'));
        }
        for (int d = 0; d <= 9; d++) {
            codes.put("Digit" + d, KeyEvent.VK_0 + d);
            codes.put("Numpad" + d, KeyEvent.VK_NUMPAD0 + d);
        }
        for (int f = 1; f <= 12; f++) {
            codes.put("F" + f, KeyEvent.VK_F1 + f - 1);
        }
        Object[] named = {
            "Escape", KeyEvent.VK_ESCAPE, "Backquote", KeyEvent.VK_BACK_QUOTE, "Minus", KeyEvent.VK_MINUS,
            "Equal", KeyEvent.VK_EQUALS, "Backspace", KeyEvent.VK_BACK_SPACE, "Tab", KeyEvent.VK_TAB,
            "BracketLeft", KeyEvent.VK_OPEN_BRACKET, "BracketRight", KeyEvent.VK_CLOSE_BRACKET,
            "Backslash", KeyEvent.VK_BACK_SLASH, "CapsLock", KeyEvent.VK_CAPS_LOCK,
            "Semicolon", KeyEvent.VK_SEMICOLON, "Quote", KeyEvent.VK_QUOTE, "Enter", KeyEvent.VK_ENTER,
            "Comma", KeyEvent.VK_COMMA, "Period", KeyEvent.VK_PERIOD, "Slash", KeyEvent.VK_SLASH,
            "Space", KeyEvent.VK_SPACE, "ShiftLeft", KeyEvent.VK_SHIFT, "ShiftRight", KeyEvent.VK_SHIFT,
            "ControlLeft", KeyEvent.VK_CONTROL, "ControlRight", KeyEvent.VK_CONTROL,
            "AltLeft", KeyEvent.VK_ALT, "AltRight", KeyEvent.VK_ALT,
            "MetaLeft", KeyEvent.VK_WINDOWS, "MetaRight", KeyEvent.VK_WINDOWS,
            "ContextMenu", KeyEvent.VK_CONTEXT_MENU, "PrintScreen", KeyEvent.VK_PRINTSCREEN,
            "ScrollLock", KeyEvent.VK_SCROLL_LOCK, "Pause", KeyEvent.VK_PAUSE, "Insert", KeyEvent.VK_INSERT,
            "Home", KeyEvent.VK_HOME, "PageUp", KeyEvent.VK_PAGE_UP, "Delete", KeyEvent.VK_DELETE,
            "End", KeyEvent.VK_END, "PageDown", KeyEvent.VK_PAGE_DOWN, "ArrowUp", KeyEvent.VK_UP,
            "ArrowDown", KeyEvent.VK_DOWN, "ArrowLeft", KeyEvent.VK_LEFT, "ArrowRight", KeyEvent.VK_RIGHT,
            "NumLock", KeyEvent.VK_NUM_LOCK, "NumpadDivide", KeyEvent.VK_DIVIDE,
            "NumpadMultiply", KeyEvent.VK_MULTIPLY, "NumpadSubtract", KeyEvent.VK_SUBTRACT,
            "NumpadAdd", KeyEvent.VK_ADD, "NumpadDecimal", KeyEvent.VK_DECIMAL, "NumpadEnter", KeyEvent.VK_ENTER,
        };
        for (int i = 0; i < named.length; i += 2) {
            codes.put((String) named[i], (Integer) named[i + 1]);
        }
        return Map.copyOf(codes);
    }
}
