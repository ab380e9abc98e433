package org.parley.bench.vnc;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One viewer: Debian's headless Chromium with a fresh profile of its own (so its processes, and
 * their CPU, are its alone) and one page carrying the probe. The probe is installed before any
 * page script runs: it marks every canvas a 2D context draws on, and on every animation frame
 * copies the marker's pixel out of the viewer's canvas (through a 1×1 canvas, so it never takes
 * the page's own context) and records the time of each change of colour and of each frame in
 * which the viewer's canvas was drawn on. It also keeps the page's WebSockets, to say at the end
 * whether the viewer was still connected and why not.
 */
final class CanvasViewer implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PROBE = """
            (() => {
              const drawn = new Set();
              const proto = CanvasRenderingContext2D.prototype;
              for (const name of ['putImageData', 'drawImage', 'fillRect', 'clearRect', 'fill', 'fillText', 'stroke']) {
                const original = proto[name];
                proto[name] = function (...args) { drawn.add(this.canvas); return original.apply(this, args); };
              }
              const probe = window.__probe = { selector: null, x: 0, y: 0, width: 1, height: 1, samples: [], frames: [],
                last: -1, sockets: [], closes: [] };
              // a constructor returning the native socket: noVNC checks the prototype's own properties, which a subclass lacks
              const Native = window.WebSocket;
              function Probed(...args) {
                const socket = new Native(...args);
                probe.sockets.push(socket);
                socket.addEventListener('close', e => probe.closes.push([Date.now(), e.code, e.reason]));
                return socket;
              }
              Probed.prototype = Native.prototype;
              Object.assign(Probed, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = Probed;
              let scratch = null;
              const tick = () => {
                requestAnimationFrame(tick);
                const now = Date.now();
                const target = probe.selector && document.querySelector(probe.selector);
                if (!target || !target.width) { drawn.clear(); return; }
                if (drawn.has(target)) probe.frames.push(now);
                drawn.clear();
                if (!scratch) {
                  const c = document.createElement('canvas');
                  c.width = 1; c.height = 1;
                  scratch = c.getContext('2d', { willReadFrequently: true });
                }
                const sx = Math.floor(probe.x * target.width / probe.width);
                const sy = Math.floor(probe.y * target.height / probe.height);
                scratch.drawImage(target, sx, sy, 1, 1, 0, 0, 1, 1);
                const d = scratch.getImageData(0, 0, 1, 1).data;
                const rgb = (d[0] << 16) | (d[1] << 8) | d[2];
                if (rgb !== probe.last) { probe.last = rgb; probe.samples.push([now, rgb]); }
                drawn.clear();
              };
              requestAnimationFrame(tick);
            })();
            """;
    private final String name;
    private final Path profile;
    private final BrowserContext context;
    private final Page page;
    private final long browserPid;

    /** What the probe saw: colour changes (epoch ms, 0xRRGGBB), frames drawn on the canvas (epoch ms), and the connection. */
    record Seen(List<long[]> samples, List<Long> frames, boolean connected, List<Close> closes) {
    }

    /** A WebSocket of the page closed at {@code at} (epoch ms) with this code and reason. */
    record Close(long at, int code, String reason) {
    }

    private CanvasViewer(String name, Path profile, BrowserContext context) throws IOException {
        this.name = name;
        this.profile = profile;
        this.context = context;
        this.page = context.pages().isEmpty() ? context.newPage() : context.pages().getFirst();
        this.browserPid = ProcessTree.findRoot("--user-data-dir=" + profile)
                .orElseThrow(() -> new IOException("cannot find the Chromium of " + name + " in /proc"));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    static CanvasViewer launch(Playwright playwright, String name, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory("parley-bench-chromium-");
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync"))
                .setViewportSize(width, height)
                .setLocale("en-GB")
                .setTimeout(60_000));
        context.setDefaultTimeout(60_000);
        context.addInitScript(PROBE);
        return new CanvasViewer(name, profile, context);
    }

    String name() {
        return name;
    }

    Page page() {
        return page;
    }

    /** Starts probing the canvas matching {@code selector} at screen point (x, y) of a width×height screen. */
    void probe(String selector, int x, int y, int width, int height) {
        page.evaluate("([s, x, y, w, h]) => Object.assign(window.__probe, { selector: s, x, y, width: w, height: h })",
                List.of(selector, x, y, width, height));
    }

    /** The colour the probe read last, or -1 before it has read one. */
    int lastColour() {
        return ((Number) page.evaluate("() => window.__probe.last")).intValue();
    }

    /** Chromium's processes: the browser process and every descendant. */
    Map<Long, Long> cpuTicks() {
        return ProcessTree.ticks(Set.of(browserPid));
    }

    Seen seen() {
        var result = (Map<?, ?>) page.evaluate("() => ({ samples: window.__probe.samples, frames: window.__probe.frames, "
                + "connected: window.__probe.sockets.some(s => s.readyState === 1), closes: window.__probe.closes })");
        List<long[]> samples = new ArrayList<>();
        for (Object o : (List<?>) result.get("samples")) {
            List<?> pair = (List<?>) o;
            samples.add(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        }
        List<Long> frames = ((List<?>) result.get("frames")).stream().map(o -> ((Number) o).longValue()).toList();
        List<Close> closes = ((List<?>) result.get("closes")).stream().map(o -> (List<?>) o)
                .map(c -> new Close(((Number) c.get(0)).longValue(), ((Number) c.get(1)).intValue(), String.valueOf(c.get(2)))).toList();
        return new Seen(samples, frames, Boolean.TRUE.equals(result.get("connected")), closes);
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (RuntimeException alreadyGone) {
            // the browser ended on its own
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }
}
