package org.parley.agent.input;

import java.awt.event.KeyEvent;
import java.util.Optional;

/**
 * How to type a printable ASCII character on a US layout: the key and whether Shift is held.
 * Robot presses a key by its unshifted keysym, so {@code '!'} is Shift + {@code 1}, not VK_EXCLAMATION_MARK.
 */
final class UsKeyboard {
    /** A key stroke. */
    record Stroke(int keyCode, boolean shift) {
    }

    private static final String UNSHIFTED = "`-=[]\\;',./";
    private static final String SHIFTED = "~_+{}|:\"<>?";
    private static final String SHIFTED_DIGITS = ")!@#$%^&*(";
    private static final int[] SYMBOL_KEYS = {
        KeyEvent.VK_BACK_QUOTE, KeyEvent.VK_MINUS, KeyEvent.VK_EQUALS, KeyEvent.VK_OPEN_BRACKET,
        KeyEvent.VK_CLOSE_BRACKET, KeyEvent.VK_BACK_SLASH, KeyEvent.VK_SEMICOLON, KeyEvent.VK_QUOTE,
        KeyEvent.VK_COMMA, KeyEvent.VK_PERIOD, KeyEvent.VK_SLASH,
    };

    private UsKeyboard() {
    }

    static Optional<Stroke> stroke(char c) {
        if (c >= 'a' && c <= 'z') {
            return Optional.of(new Stroke(KeyEvent.VK_A + (c - 'a'), false));
        }
        if (c >= 'A' && c <= 'Z') {
            return Optional.of(new Stroke(KeyEvent.VK_A + (c - 'A'), true));
        }
        if (c >= '0' && c <= '9') {
            return Optional.of(new Stroke(KeyEvent.VK_0 + (c - '0'), false));
        }
        return switch (c) {
            case ' ' -> Optional.of(new Stroke(KeyEvent.VK_SPACE, false));
            case '\n' -> Optional.of(new Stroke(KeyEvent.VK_ENTER, false));
            case '\t' -> Optional.of(new Stroke(KeyEvent.VK_TAB, false));
            default -> symbol(c);
        };
    }

    /** Whether every character of {@code text} can be typed with key strokes. */
    static boolean canType(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (stroke(text.charAt(i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Stroke> symbol(char c) {
        int digit = SHIFTED_DIGITS.indexOf(c);
        if (digit >= 0) {
            return Optional.of(new Stroke(KeyEvent.VK_0 + digit, true));
        }
        int plain = UNSHIFTED.indexOf(c);
        if (plain >= 0) {
            return Optional.of(new Stroke(SYMBOL_KEYS[plain], false));
        }
        int shifted = SHIFTED.indexOf(c);
        return shifted >= 0 ? Optional.of(new Stroke(SYMBOL_KEYS[shifted], true)) : Optional.empty();
    }
}
