package org.parley.agent.present;

import java.awt.Rectangle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.agent.input.InputInjector;
import org.parley.agent.screen.Monitors;
import org.parley.agent.screen.ScreenCapture;
import org.parley.protocol.client.SessionClient;

/**
 * Which monitor is shared — one, or all of them as one picture — and the switch between them
 * (protocol README §9: 0x18 tells everyone the monitors and which is shown; 0x19 asks the agent to
 * show another). The capture and the input injector follow together, so a click lands on the
 * monitor the controller sees. Who may ask is the session's decision, not this class's.
 */
public final class SharedArea {
    /** Presenter → everyone (DATA): the monitors and which is shown. */
    public static final int MONITORS_KIND = 0x18;
    /** Viewer → presenter (DATA): show monitor n (0-based), or -1 for all. */
    public static final int SHOW_KIND = 0x19;
    /** The {@code shown} of "all monitors". */
    public static final int ALL = -1;
    private static final Pattern SHOW = Pattern.compile("\\{\\s*\"monitor\"\\s*:\\s*(-1|\\d{1,2})\\s*}");

    private final List<Rectangle> monitors;
    private final ScreenCapture capture;
    private final InputInjector injector;
    private int shown;
    private long lastAnnounced = Long.MIN_VALUE / 2;
    private static final long ANNOUNCE_GAP_NANOS = 500_000_000L;

    private SharedArea(List<Rectangle> monitors, ScreenCapture capture, InputInjector injector, int shown) {
        this.monitors = List.copyOf(monitors);
        this.capture = capture;
        this.injector = injector;
        this.shown = shown;
    }

    /**
     * The monitors of this desktop, starting with {@code choice} ("1"… or "all"; empty: the one the
     * capture already shows, or the first).
     *
     * @throws IllegalArgumentException with a sentence for the person when the choice names no monitor
     */
    public static SharedArea of(List<Rectangle> monitors, ScreenCapture capture, InputInjector injector, Optional<String> choice) {
        int start = choice.map(c -> parseChoice(c, monitors.size()))
                .orElseGet(() -> Math.max(0, monitors.indexOf(capture.bounds())));
        if (monitors.size() == 1 && start == ALL) {
            start = 0; // one monitor: "all" is that one
        }
        var area = new SharedArea(monitors, capture, injector, start);
        area.apply();
        return area;
    }

    /** For {@code --monitor}: 1-based, or "all". */
    static int parseChoice(String choice, int count) {
        if (choice.equalsIgnoreCase("all")) {
            return ALL;
        }
        try {
            int n = Integer.parseInt(choice.strip());
            if (n >= 1 && n <= count) {
                return n - 1;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException("--monitor must be \"all\" or a number from 1 to " + count
                + " (this desktop has " + count + (count == 1 ? " monitor" : " monitors") + "), got \"" + choice + "\"");
    }

    /** The shown monitor's index, or {@link #ALL}. */
    public synchronized int shown() {
        return shown;
    }

    /** The rectangle shared now, in screen coordinates. */
    public synchronized Rectangle rectangle() {
        return shown == ALL ? Monitors.union(monitors) : new Rectangle(monitors.get(shown));
    }

    /**
     * A viewer's 0x19 body: switches to the monitor it names. Empty when it names none (malformed
     * or out of range); otherwise whether the picture changed.
     */
    public synchronized Optional<Boolean> show(byte[] body) {
        if (body.length > 64) {
            return Optional.empty();
        }
        Matcher m = SHOW.matcher(new String(body, StandardCharsets.UTF_8));
        if (!m.matches()) {
            return Optional.empty();
        }
        int wanted = Integer.parseInt(m.group(1));
        if (wanted != ALL && wanted >= monitors.size()) {
            return Optional.empty();
        }
        if (monitors.size() == 1) {
            wanted = 0;
        }
        if (wanted == shown) {
            return Optional.of(false);
        }
        shown = wanted;
        apply();
        return Optional.of(true);
    }

    private void apply() {
        Rectangle area = rectangle();
        capture.area(area);
        injector.area(area);
    }

    /** README §9, 0x18: {@code {"monitors":[{"x":…,"y":…,"w":…,"h":…},…],"shown":n}}. */
    public synchronized byte[] announcement() {
        String list = monitors.stream().map(r -> String.format(Locale.ROOT, "{\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}", r.x, r.y,
                r.width, r.height)).collect(Collectors.joining(","));
        return ("{\"monitors\":[" + list + "],\"shown\":" + shown + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Tells everyone again when a viewer asks for a keyframe (a newcomer's greeting does), at most
     * twice a second however often they ask.
     */
    public void announceIfDue(SessionClient client) {
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastAnnounced < ANNOUNCE_GAP_NANOS) {
                return;
            }
            lastAnnounced = now;
        }
        announce(client);
    }

    /** Tells everyone (0x18); a closed or not-yet-keyed session is no one to tell. */
    public void announce(SessionClient client) {
        synchronized (this) {
            lastAnnounced = System.nanoTime();
        }
        try {
            client.sendContent(MONITORS_KIND, announcement(), 0);
        } catch (IllegalStateException notNow) {
            // no key yet, or the session is over: the next announcement carries the same
        }
    }

    /**
     * A 0x19 from someone the session lets switch: switches, tells everyone, and returns the line
     * for the log; a malformed or out-of-range request changes nothing.
     */
    public String requested(SessionClient client, int from, byte[] body) {
        Optional<Boolean> changed = show(body);
        if (changed.isEmpty()) {
            return "ignored a monitor request from participant " + from + " that names no monitor of this desktop";
        }
        announce(client);
        return changed.get() ? "participant " + from + " switched to " + describe() : "participant " + from
                + " asked for " + describe() + ", which is already shared";
    }

    /** For the log: "monitor 2 of 3 (1280×1024 at 1920,0)" or "all 3 monitors (…)". */
    public synchronized String describe() {
        Rectangle r = rectangle();
        String where = r.width + "×" + r.height + " at " + r.x + "," + r.y;
        return shown == ALL ? "all " + monitors.size() + " monitors (" + where + ")"
                : "monitor " + (shown + 1) + " of " + monitors.size() + " (" + where + ")";
    }
}
