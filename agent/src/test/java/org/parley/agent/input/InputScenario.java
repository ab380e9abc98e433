package org.parley.agent.input;

import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import org.parley.agent.desktop.ChildMain;

/**
 * Child-JVM part of {@link InputInjectorOnXvfbTest}: a window of our own records what it receives
 * while {@link InputInjector} applies §9 events, given as the JSON bodies a viewer would send.
 */
public final class InputScenario {
    static final int LEFT = 200;
    static final int TOP = 150;
    static final int CLICK_X = 512;
    static final int CLICK_Y = 301;
    static final int RIGHT_CLICK_X = 700;
    static final int RIGHT_CLICK_Y = 400;
    static final List<String> INVALID = List.of(
            "{\"t\":\"move\",\"x\":1920,\"y\":10}",
            "{\"t\":\"down\",\"button\":5,\"x\":10,\"y\":10}",
            "{\"t\":\"key\",\"code\":\"KeyÄ\",\"down\":true}",
            "{\"t\":\"text\",\"text\":\"" + "x".repeat(1001) + "\"}",
            "{\"t\":\"text\",\"text\":\"\\u0007bell\"}",
            "{\"t\":\"format-disk\"}",
            "not json at all");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private InputScenario() {
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> {
            JTextArea area = new JTextArea();
            List<String> presses = new CopyOnWriteArrayList<>();
            List<Integer> keys = new CopyOnWriteArrayList<>();
            AtomicInteger wheel = new AtomicInteger();
            area.addMouseListener(new MouseAdapter() {
                @Override
                public void mousePressed(MouseEvent e) {
                    presses.add(e.getXOnScreen() + " " + e.getYOnScreen() + " " + e.getButton());
                }
            });
            area.addMouseWheelListener(e -> wheel.addAndGet(e.getWheelRotation()));
            area.addKeyListener(new KeyAdapter() {
                @Override
                public void keyPressed(KeyEvent e) {
                    keys.add(e.getKeyCode());
                }
            });
            JFrame window = new JFrame("recorder");
            SwingUtilities.invokeAndWait(() -> {
                window.setUndecorated(true);
                window.add(area);
                window.setBounds(LEFT, TOP, 800, 500);
                window.setVisible(true);
            });
            ChildMain.await(TIMEOUT, "the recorder window", window::isShowing);
            InputInjector injector = InputInjector.forDefaultScreen();

            send(injector, "{\"t\":\"move\",\"x\":" + CLICK_X + ",\"y\":" + CLICK_Y + "}");
            send(injector, "{\"t\":\"down\",\"button\":0,\"x\":" + CLICK_X + ",\"y\":" + CLICK_Y + "}");
            send(injector, "{\"t\":\"up\",\"button\":0,\"x\":" + CLICK_X + ",\"y\":" + CLICK_Y + "}");
            ChildMain.await(TIMEOUT, "the click", () -> !presses.isEmpty());
            ChildMain.await(TIMEOUT, "keyboard focus in the text area", area::isFocusOwner);

            send(injector, "{\"t\":\"text\",\"text\":\"Hi! \"}");
            send(injector, "{\"t\":\"text\",\"text\":\"Grüße €\"}");
            ChildMain.await(TIMEOUT, "the typed text", () -> text(area).equals("Hi! Grüße €"));
            child.say("text " + text(area));

            send(injector, "{\"t\":\"key\",\"code\":\"ArrowLeft\",\"down\":true}");
            send(injector, "{\"t\":\"key\",\"code\":\"ArrowLeft\",\"down\":false}");
            send(injector, "{\"t\":\"key\",\"code\":\"KeyQ\",\"down\":true}");
            send(injector, "{\"t\":\"key\",\"code\":\"KeyQ\",\"down\":false}");
            ChildMain.await(TIMEOUT, "the keys", () -> keys.contains(KeyEvent.VK_Q));
            ChildMain.await(TIMEOUT, "q before €", () -> text(area).equals("Hi! Grüße q€"));
            child.say("keys " + keys.subList(keys.indexOf(KeyEvent.VK_LEFT), keys.size()));

            send(injector, "{\"t\":\"down\",\"button\":2,\"x\":" + RIGHT_CLICK_X + ",\"y\":" + RIGHT_CLICK_Y + "}");
            send(injector, "{\"t\":\"up\",\"button\":2,\"x\":" + RIGHT_CLICK_X + ",\"y\":" + RIGHT_CLICK_Y + "}");
            send(injector, "{\"t\":\"wheel\",\"dx\":0,\"dy\":3}");
            ChildMain.await(TIMEOUT, "the right click and the wheel", () -> presses.size() == 2 && wheel.get() == 3);
            child.say("presses " + presses);
            child.say("wheel " + wheel.get());

            send(injector, "{\"t\":\"key\",\"code\":\"End\",\"down\":true}");
            send(injector, "{\"t\":\"key\",\"code\":\"End\",\"down\":false}");
            ChildMain.await(TIMEOUT, "the caret at the end", () -> keys.contains(KeyEvent.VK_END));
            String before = text(area);
            int refused = 0;
            for (String body : INVALID) {
                refused += injector.handle(body.getBytes(StandardCharsets.UTF_8)) ? 0 : 1;
            }
            send(injector, "{\"t\":\"text\",\"text\":\".\"}");
            ChildMain.await(TIMEOUT, "the marker after the refused events", () -> text(area).endsWith("."));
            child.say("refused " + refused + " counted " + injector.refused());
            child.say("after refused " + text(area).equals(before + "."));
        });
    }

    private static void send(InputInjector injector, String json) {
        if (!injector.handle(json.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException("a valid event was refused: " + json);
        }
    }

    private static String text(JTextArea area) {
        String[] text = new String[1];
        try {
            SwingUtilities.invokeAndWait(() -> text[0] = area.getText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return text[0];
    }
}
