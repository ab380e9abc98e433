package org.parley.bench.voice;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.parley.bench.vnc.ProcessTree;

/**
 * One browser participant: Debian's headless Chromium with a profile of its own (so its processes,
 * and their CPU, are its alone), fake media devices (the microphone plays {@code wav}), and the
 * page's probe ({@code voice-probe.js}) installed before the page's scripts. It signs in, opens the
 * invitation link and joins, as a person does; a speaker then clicks Unmute.
 */
final class VoiceBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String PROBE = resource("voice-probe.js");
    private final String name;
    private final Path profile;
    private final BrowserContext context;
    private final Page page;
    private final long browserPid;

    /** A burst's snippet: the wall-clock time (epoch ms) of its first sample, the samples, and what the page reported with it. */
    record Snippet(double t0, float[] samples, double t0Rendered, double outputLatency) {
    }

    /** What the probe measured since the last drain. */
    record Drained(List<Snippet> sent, List<Snippet> heard, List<String> errors) {
    }

    private VoiceBrowser(String name, Path profile, BrowserContext context) throws IOException {
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

    static VoiceBrowser launch(Playwright playwright, String name, Path wav, boolean coalesceAcks) throws IOException {
        Path profile = Files.createTempDirectory("parley-bench-voice-chromium-");
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required",
                        "--use-file-for-fake-audio-capture=" + wav,
                        // a page that is not in front must not be slowed: every participant is "in front"
                        "--disable-background-timer-throttling", "--disable-renderer-backgrounding"))
                .setViewportSize(1200, 800)
                .setLocale("en-GB")
                // the probe's onset worklet loads from a blob: URL, which the page's CSP (script-src 'self') would refuse
                .setBypassCSP(true)
                .setTimeout(60_000));
        context.setDefaultTimeout(60_000);
        if (coalesceAcks) {
            context.addInitScript("window.__benchCoalesceAcks = true;");
        }
        context.addInitScript(PROBE);
        return new VoiceBrowser(name, profile, context);
    }

    String name() {
        return name;
    }

    /** Signs in, opens the invitation link ({@code path} with its {@code #k=}), clicks "Join now" and waits to be let in. */
    void join(String origin, String email, String password, String path) {
        page.navigate(origin + "/signin.html");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL("**/account.html");
        page.navigate(origin + path);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
        page.waitForFunction("() => document.querySelector('#status')?.textContent.startsWith('You are in')", null,
                new Page.WaitForFunctionOptions().setTimeout(120_000));
    }

    /**
     * Records the page's JavaScript CPU profile (DevTools {@code Profiler}) for {@code seconds} into
     * {@code out}, a {@code .cpuprofile} that Chromium's DevTools opens: where a listening page's time goes.
     */
    void profile(Path out, int seconds) throws InterruptedException {
        var cdp = page.context().newCDPSession(page);
        cdp.send("Profiler.enable");
        cdp.send("Profiler.setSamplingInterval", com.google.gson.JsonParser.parseString("{\"interval\":500}").getAsJsonObject());
        cdp.send("Profiler.start");
        Thread.sleep(seconds * 1000L);
        var result = cdp.send("Profiler.stop");
        try {
            Files.writeString(out, result.get("profile").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cdp.detach();
    }

    void unmute() {
        page.locator("#mic-toggle").click();
        page.waitForFunction("() => document.querySelector('#mic-toggle')?.getAttribute('aria-pressed') === 'true'");
    }

    void startCamera() {
        page.locator("#camera-toggle").click();
        page.waitForFunction("() => document.querySelector('#camera-toggle')?.getAttribute('aria-pressed') === 'true'");
    }

    /** The gallery's remote camera tiles by the layer each paints, e.g. {@code {"tiles":24,"high":0,"low":24}}. */
    String cameraTiles() {
        return String.valueOf(page.evaluate("""
                () => { const c = [...document.querySelectorAll('#gallery canvas')];
                  return JSON.stringify({ tiles: c.length, high: c.filter(x => x.dataset.layer === 'high').length,
                    low: c.filter(x => x.dataset.layer === 'low').length }); }"""));
    }

    /** Whether the page's people list shows {@code count} people. */
    int people() {
        return ((Number) page.evaluate("() => document.querySelectorAll('#people li.person').length")).intValue();
    }

    /** Opus packets of a synthetic voice from this browser's encoder, configured as the page's (see the probe). */
    List<byte[]> encodeVoice(int seconds, double seed) {
        List<?> encoded = (List<?>) page.evaluate("([s, seed]) => window.__bench.encodeVoice(s, seed)", List.of(seconds, seed));
        return encoded.stream().map(o -> Base64.getDecoder().decode((String) o)).toList();
    }

    /** One camera frame as the page's camera sends it: the high and the low layer's 0x21 bodies and their marks. */
    record CameraFrame(int highMark, byte[] high, int lowMark, byte[] low) {
    }

    /** {@code seconds} of the fake camera, encoded as the page's camera encodes it (voice-probe.js, recordCamera). */
    List<CameraFrame> recordCamera(int seconds) {
        List<?> frames = (List<?>) page.evaluate("s => window.__bench.recordCamera(s)", seconds);
        return frames.stream().map(f -> {
            List<?> pair = (List<?>) f;
            Map<?, ?> high = (Map<?, ?>) pair.get(0);
            Map<?, ?> low = (Map<?, ?>) pair.get(1);
            return new CameraFrame(((Number) high.get("mark")).intValue(), Base64.getDecoder().decode((String) high.get("body")),
                    ((Number) low.get("mark")).intValue(), Base64.getDecoder().decode((String) low.get("body")));
        }).toList();
    }

    Drained drain() {
        var result = (Map<?, ?>) page.evaluate("() => window.__bench.drain()");
        return new Drained(snippets(result.get("sends")), snippets(result.get("hears")),
                ((List<?>) result.get("errors")).stream().map(String::valueOf).toList());
    }

    private static List<Snippet> snippets(Object list) {
        List<Snippet> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(new Snippet(number(m.get("t0")), Onset.pcm(Base64.getDecoder().decode((String) m.get("pcm"))),
                    number(m.get("t0Rendered")), number(m.get("outputLatency"))));
        }
        return out;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Chromium's processes: the browser process and every descendant. */
    Map<Long, Long> cpuTicks() {
        return ProcessTree.ticks(Set.of(browserPid));
    }

    /** What the page says about its audio, for the report: the context's latencies and the mixer's state. */
    String audioInfo() {
        return String.valueOf(page.evaluate("""
                () => {
                  const spread = {};
                  for (const [id, d] of Object.entries(window.__bench.arrivals ?? {})) {
                    const s = [...d].sort((a, b) => a - b);
                    spread[id] = { frames: s.length, p95MinusMin: Math.round(s[Math.floor(s.length * 0.95)] - s[0]) };
                  }
                  return JSON.stringify({ status: document.querySelector('#status')?.textContent, closes: window.__bench.closes,
                    acks: window.__bench.acks,
                    context: window.__bench.clock, mixer: window.__bench.levels, arrivalSpreadMs: spread });
                }"""));
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

    private static String resource(String name) {
        try (InputStream in = VoiceBrowser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
