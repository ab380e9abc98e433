package org.parley.agent.screen;

import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.parley.agent.desktop.ChildMain;

/**
 * Child-JVM part of {@link ScreenCaptureOnXvfbTest}: shows the test pattern, captures and encodes
 * the screen (keyframe), draws a caret, captures and encodes again (changes only). Writes the
 * captured frames and the bodies next to the result file; the test decodes and compares.
 */
public final class CaptureScenario {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private CaptureScenario() {
    }

    public static void main(String[] args) {
        ChildMain.run(args[0], child -> {
            Path dir = Path.of(args[0]).getParent();
            BufferedImage image = TestPattern.image();
            JComponent canvas = TestPattern.show(image);
            ScreenCapture capture = ScreenCapture.ofDefaultScreen();
            Frame first = ChildMain.awaitValue(TIMEOUT, "the pattern on screen", () -> {
                Frame frame = capture.capture();
                return TestPattern.shows(frame, false) ? frame : null;
            });
            try (TileEncoder encoder = new TileEncoder()) {
                List<byte[]> keyframe = encoder.encode(first, true);
                SwingUtilities.invokeAndWait(() -> {
                    var caret = TestPattern.CARET;
                    Graphics g = image.getGraphics();
                    g.setColor(new java.awt.Color(TestPattern.CARET_RGB));
                    g.fillRect(caret.x - TestPattern.WINDOW.x, caret.y - TestPattern.WINDOW.y, caret.width, caret.height);
                    g.dispose();
                    canvas.repaint();
                });
                Frame second = ChildMain.awaitValue(TIMEOUT, "the caret on screen", () -> {
                    Frame frame = capture.capture();
                    return TestPattern.shows(frame, true) ? frame : null;
                });
                List<byte[]> change = encoder.encode(second, false);
                save(dir, "first", first);
                save(dir, "second", second);
                for (int i = 0; i < keyframe.size(); i++) {
                    ChildMain.write(dir.resolve("keyframe-" + i), keyframe.get(i));
                }
                for (int i = 0; i < change.size(); i++) {
                    ChildMain.write(dir.resolve("change-" + i), change.get(i));
                }
                child.say(dir.toString());
                child.say(first.width() + " " + first.height() + " " + keyframe.size() + " " + change.size());
            }
        });
    }

    private static void save(Path dir, String name, Frame frame) throws java.io.IOException {
        ByteBuffer bytes = ByteBuffer.allocate(frame.pixels().length * 4);
        bytes.asIntBuffer().put(frame.pixels());
        ChildMain.write(dir.resolve(name), bytes.array());
    }
}
