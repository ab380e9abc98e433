package org.parley.agent.screen;

import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitors of this desktop, in screen coordinates, left to right (then top to bottom), as the
 * agent offers them to viewers (protocol README §9, 0x18). They come from AWT's screen devices
 * (one per monitor under Xinerama/RandR, Windows and macOS), or, where that is wrong or cannot be
 * set up (Xvfb has one screen and no monitors of its own), from {@value #VARIABLE}:
 * {@code WxH+X+Y,WxH+X+Y,…}.
 */
public final class Monitors {
    /** The environment variable that lays out monitors by hand. */
    public static final String VARIABLE = "PARLEY_AGENT_MONITORS";
    private static final Pattern ONE = Pattern.compile("(\\d{1,5})x(\\d{1,5})\\+(\\d{1,5})\\+(\\d{1,5})");
    private static final int MAX_MONITORS = 16;

    private Monitors() {
    }

    /** This desktop's monitors; {@link #VARIABLE} wins when it is set. */
    public static List<Rectangle> detect() {
        String layout = System.getenv(VARIABLE);
        if (layout != null && !layout.isBlank()) {
            return parse(layout);
        }
        List<Rectangle> found = new ArrayList<>();
        for (GraphicsDevice device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            Rectangle bounds = device.getDefaultConfiguration().getBounds();
            if (!found.contains(bounds)) {
                found.add(bounds);
            }
        }
        return sorted(found);
    }

    /**
     * Monitors written as {@code WxH+X+Y,…}.
     *
     * @throws IllegalArgumentException with a sentence a person understands when it is not that
     */
    public static List<Rectangle> parse(String layout) {
        List<Rectangle> monitors = new ArrayList<>();
        for (String part : layout.split(",")) {
            Matcher m = ONE.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(VARIABLE + ": \"" + part.strip() + "\" is not a monitor written as "
                        + "WIDTHxHEIGHT+X+Y (e.g. 1920x1080+0+0)");
            }
            var r = new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)));
            if (r.width < 1 || r.height < 1 || r.width > TileFormat.MAX_SIDE || r.height > TileFormat.MAX_SIDE) {
                throw new IllegalArgumentException(VARIABLE + ": " + part.strip() + " must be 1–" + TileFormat.MAX_SIDE
                        + " pixels on each side");
            }
            monitors.add(r);
        }
        if (monitors.size() > MAX_MONITORS) {
            throw new IllegalArgumentException(VARIABLE + ": at most " + MAX_MONITORS + " monitors");
        }
        return sorted(monitors);
    }

    /** The smallest rectangle around every monitor: what "all monitors" shares. */
    public static Rectangle union(List<Rectangle> monitors) {
        Rectangle all = new Rectangle(monitors.getFirst());
        monitors.forEach(all::add);
        return all;
    }

    private static List<Rectangle> sorted(List<Rectangle> monitors) {
        return monitors.stream().sorted(Comparator.<Rectangle>comparingInt(r -> r.x).thenComparingInt(r -> r.y)).toList();
    }
}
