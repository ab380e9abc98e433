package org.parley.agent.consent;

import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.text.JTextComponent;

/** What a person sees in our windows, read from the components on the event thread (child JVMs only). */
final class Shown {

    private Shown() {
    }

    /** The first showing window of {@code type}, if any. */
    static <W extends Window> Optional<W> window(Class<W> type) {
        return EventThread.call(() -> Arrays.stream(Window.getWindows())
                .filter(w -> type.isInstance(w) && w.isShowing()).map(type::cast).findFirst());
    }

    /** How many of our windows are on the screen. */
    static long windowsShowing() {
        return EventThread.call(() -> Arrays.stream(Window.getWindows()).filter(Window::isShowing).count());
    }

    /** The texts of the visible labels, text areas and fields, and buttons, in layout order. */
    static List<String> texts(Container root) {
        return EventThread.call(() -> {
            List<String> texts = new ArrayList<>();
            collect(root, texts);
            return texts;
        });
    }

    /** Whether any component shows its text as HTML (Swing keeps the rendered view in the "html" property). */
    static boolean rendersHtml(Container root) {
        return EventThread.call(() -> all(root).stream()
                .anyMatch(c -> c instanceof JComponent j && j.getClientProperty("html") != null));
    }

    /** The first visible component of {@code type} whose text is {@code text} ({@code null}: any). */
    static <T extends Component> T find(Container root, Class<T> type, String text) {
        return EventThread.call(() -> all(root).stream().filter(type::isInstance).map(type::cast)
                .filter(c -> c.isShowing() && (text == null || text.equals(textOf(c))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " \"" + text + "\"")));
    }

    /** Where {@code component} is on the screen. */
    static Rectangle bounds(Component component) {
        return EventThread.call(() -> new Rectangle(component.getLocationOnScreen(), component.getSize()));
    }

    /** A left click in the middle of {@code target}, as a person's pointer would make it. */
    static void click(Robot robot, Rectangle target) {
        robot.mouseMove(target.x + target.width / 2, target.y + target.height / 2);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private static List<Component> all(Container root) {
        List<Component> all = new ArrayList<>();
        all.add(root);
        for (Component child : root.getComponents()) {
            if (child instanceof Container container) {
                all.addAll(all(container));
            } else {
                all.add(child);
            }
        }
        return all;
    }

    private static void collect(Container container, List<String> texts) {
        for (Component child : container.getComponents()) {
            if (!child.isVisible()) {
                continue;
            }
            String text = textOf(child);
            if (text != null && !text.isBlank()) {
                texts.add(text.strip());
            } else if (child instanceof Container inner && !(child instanceof AbstractButton)) {
                collect(inner, texts);
            }
        }
    }

    private static String textOf(Component component) {
        return switch (component) {
            case JLabel label -> label.getText();
            case AbstractButton button -> button.getText();
            case JTextComponent text -> text.getText();
            default -> null;
        };
    }
}
