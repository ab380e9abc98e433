package org.parley.bench.vnc;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.parley.protocol.keys.InvitationSecret;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 12's benchmark: {@code java -cp bench/target/parley-bench.jar org.parley.bench.vnc.BusyDesktopBench
 * [--seconds 30] [--systems parley,x11vnc,tigervnc,throttled,ten] [--fps N]}. One private
 * {@code Xvfb 1920×1080×24} shows the {@link BusyDesktop}; then, one after the other on that same
 * screen, each system is watched by a viewer in headless Chromium ({@link CanvasViewer}) for
 * {@code --seconds}: Parley (the server in its own JVM, {@link MeetingServer}; the agent presenting;
 * an invited, signed-in viewer on {@code session.html} joined by the {@code #k=} link), x11vnc and
 * TigerVNC's scraping server ({@code X0tigervnc}), each behind websockify with noVNC's
 * {@code vnc_lite.html}; Parley with two viewers in one meeting, one of them on a 2 Mbit/s link; and
 * Parley with ten viewers of one agent (one Chromium viewer measured, nine {@link JavaWatchers}).
 * Every viewer reaches its server through a {@link LinkProxy} that counts the bytes sent to it.
 * Prints one table per part. Everything listens on 127.0.0.1 only; every process started is ended,
 * also on failure or Ctrl-C. A system whose programs are missing is skipped, saying which package
 * provides them.
 */
@Command(name = "busy-desktop-bench", mixinStandardHelpOptions = true,
        description = "Parley's screen sharing against x11vnc and TigerVNC (+ websockify + noVNC) on one busy desktop, "
                + "viewed by headless Chromium probing the canvas.")
public final class BusyDesktopBench implements Callable<Integer> {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{4}( [0-9a-f]{4}){3}");
    private static final int MARKER_X = BusyDesktop.MARKER.x + BusyDesktop.MARKER.width / 2;
    private static final int MARKER_Y = BusyDesktop.MARKER.y + BusyDesktop.MARKER.height / 2;
    private static final long THROTTLED_BITS = 2_000_000;

    @Option(names = "--seconds", defaultValue = "30", description = "measured seconds per system (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "3", description = "seconds a viewer watches before the measurement (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--systems", defaultValue = "parley,x11vnc,tigervnc,throttled,ten", split = ",",
            description = "parley, x11vnc, tigervnc, throttled, ten (default ${DEFAULT-VALUE})")
    List<String> systems;
    @Option(names = "--fps", description = "the agent's --fps (default: the agent's own default)")
    Integer fps;

    private final List<Child> running = new CopyOnWriteArrayList<>();
    private final List<long[]> markers = new CopyOnWriteArrayList<>();
    private Child xvfb;
    private String display;
    private Child server;
    private int serverPort;
    private final List<String> meetings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private static final int WATCHERS = 9;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BusyDesktopBench()).execute(args));
    }

    /** One viewer's numbers over one measured window. */
    record Column(String name, long bytes, List<Long> latencies, int shown, int changes, double paintedPerSecond,
            double serverCpu, String serverCpuParts, double viewerCpu, double xvfbCpu, String connected, String load) {
        Column noting(String note) {
            return new Column(name, bytes, latencies, shown, changes, paintedPerSecond, serverCpu, serverCpuParts, viewerCpu, xvfbCpu,
                    connected + note, load);
        }
    }

    @Override
    public Integer call() throws Exception {
        for (String tool : new String[] {"/usr/bin/Xvfb", "/usr/bin/chromium"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                System.err.println(tool + " is missing (apt-get install -y xvfb chromium)");
                return 1;
            }
        }
        Thread cleanup = new Thread(this::closeAll);
        Runtime.getRuntime().addShutdownHook(cleanup);
        Map<String, String> skipped = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        List<Column> throttled = new ArrayList<>();
        List<Column> ten = new ArrayList<>();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            startDesktop();
            for (String system : systems) {
                String missing = missing(system);
                if (!missing.isEmpty()) {
                    skipped.put(system, missing);
                    System.err.println(system + " skipped: " + missing);
                    continue;
                }
                System.err.printf(Locale.ROOT, "%s: %d s%n", system, seconds);
                try {
                    switch (system) {
                        case "parley" -> columns.addAll(parley(playwright, List.of(0L), 0));
                        case "x11vnc" -> columns.add(vnc(playwright, "x11vnc + websockify + noVNC", List.of("/usr/bin/x11vnc",
                                "-display", display, "-rfbport", "%d", "-localhost", "-nopw", "-forever", "-shared", "-quiet")));
                        case "tigervnc" -> columns.add(vnc(playwright, "TigerVNC x0vncserver + websockify + noVNC", List.of(
                                "/usr/bin/X0tigervnc", "-display", display, "-rfbport", "%d", "-localhost=1", "-interface=127.0.0.1",
                                "-SecurityTypes=None", "-AlwaysShared=1")));
                        case "throttled" -> throttled.addAll(parley(playwright, List.of(THROTTLED_BITS, 0L), 0));
                        case "ten" -> ten.addAll(parley(playwright, List.of(0L), WATCHERS));
                        default -> throw new IllegalArgumentException("unknown system " + system);
                    }
                } catch (Exception | AssertionError e) {
                    skipped.put(system, "failed: " + e);
                    System.err.println(system + " failed: " + e);
                }
            }
        } finally {
            closeAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        System.out.printf(Locale.ROOT, "%n%d s each, busy 1920x1080 desktop (window gliding at 30 fps, terminal scrolling 25 lines/s, "
                + "marker changing ~every 1.35 s); %d cores; %s%n", seconds, Runtime.getRuntime().availableProcessors(),
                fps == null ? "agent at its default --fps" : "agent --fps " + fps);
        if (!columns.isEmpty()) {
            print(columns);
        }
        if (!throttled.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nTwo Parley viewers in one meeting, the first on a 2 Mbit/s link:%n");
            print(throttled);
        }
        if (!ten.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nTen viewers of one agent: the Chromium viewer measured, %d Java viewers beside it "
                    + "(they receive and decrypt every message, in the benchmark's JVM):%n", WATCHERS);
            print(ten);
        }
        notes.forEach(System.out::println);
        skipped.forEach((system, why) -> System.out.println("not measured: " + system + ": " + why));
        return skipped.isEmpty() ? 0 : 3;
    }

    /** Packages a system needs that are not installed, as an apt-get line; empty when all are there. */
    private static String missing(String system) {
        List<String> packages = new ArrayList<>();
        if (system.equals("x11vnc") && !Files.isExecutable(Path.of("/usr/bin/x11vnc"))) {
            packages.add("x11vnc");
        }
        if (system.equals("tigervnc") && !Files.isExecutable(Path.of("/usr/bin/X0tigervnc"))) {
            packages.add("tigervnc-scraping-server");
        }
        if (system.equals("x11vnc") || system.equals("tigervnc")) {
            if (!Files.isExecutable(Path.of("/usr/bin/websockify"))) {
                packages.add("websockify");
            }
            if (!Files.isRegularFile(Path.of("/usr/share/novnc/vnc_lite.html"))) {
                packages.add("novnc");
            }
        }
        return packages.isEmpty() ? "" : "not installed (apt-get install -y " + String.join(" ", packages) + ")";
    }

    private void startDesktop() throws Exception {
        xvfb = start("xvfb", List.of("/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"), Map.of());
        String number = xvfb.readLine(15).strip();
        if (!number.matches("\\d+")) {
            throw new IOException("Xvfb reported " + number);
        }
        display = ":" + number;
        Child desktop = start("busy-desktop", java(BusyDesktop.class.getName()), Map.of("DISPLAY", display));
        desktop.await("ready", 60);
        Thread.ofPlatform().daemon().name("markers").start(() -> {
            try {
                while (true) {
                    String[] line = desktop.readLine(3600).split(" ");
                    if (line[0].equals("marker")) {
                        markers.add(new long[] {Long.parseLong(line[1]), Integer.parseInt(line[2], 16)});
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException ended) {
                // the desktop was closed
            }
        });
    }

    /**
     * Parley with one Chromium viewer per entry of {@code links} (its bit rate, 0 = unthrottled) and
     * {@code watchers} {@link JavaWatchers}, all in one new meeting.
     */
    private List<Column> parley(Playwright playwright, List<Long> links, int watchers) throws Exception {
        if (server == null) {
            server = start("parley-server", java(MeetingServer.class.getName(), "3"), Map.of());
            String[] ready = server.await("ready", 120).split(" ");
            serverPort = Integer.parseInt(ready[1]);
            meetings.addAll(List.of(ready).subList(2, ready.length));
        }
        String meeting = meetings.removeFirst();
        String k = InvitationSecret.random(new SecureRandom()).toFragment();
        String path = "/meeting.html?id=" + meeting + "#k=" + k;
        List<LinkProxy> proxies = new ArrayList<>();
        List<CanvasViewer> viewers = new ArrayList<>();
        Child agent = null;
        JavaWatchers others = null;
        try {
            if (watchers > 0) {
                others = JavaWatchers.join(serverPort, meeting, k, watchers);
            }
            for (int i = 0; i < links.size(); i++) {
                LinkProxy proxy = new LinkProxy(serverPort, links.get(i));
                proxies.add(proxy);
                String name = links.get(i) > 0 ? "Parley viewer at " + links.get(i) / 1_000_000 + " Mbit/s" : "Parley agent -> relay -> browser";
                if (links.size() > 1 && links.get(i) == 0) {
                    name = "Parley viewer beside it, unthrottled";
                }
                CanvasViewer viewer = CanvasViewer.launch(playwright, name, BusyDesktop.WIDTH, BusyDesktop.HEIGHT);
                viewers.add(viewer);
                join(viewer.page(), "http://127.0.0.1:" + proxy.port(), MeetingServer.VIEWERS[i], path);
            }
            List<String> command = new ArrayList<>(java("org.parley.agent.Main", "present", "--meeting",
                    "http://127.0.0.1:" + serverPort + path, "--email", MeetingServer.PRESENTER));
            if (fps != null) {
                command.addAll(List.of("--fps", fps.toString()));
            }
            agent = start("agent", command, Map.of("DISPLAY", display, "PARLEY_AGENT_PASSWORD", MeetingServer.PASSWORD));
            agent.await("sharing this screen", 60);
            for (CanvasViewer viewer : viewers) {
                viewer.probe("#screen-canvas", MARKER_X, MARKER_Y, BusyDesktop.WIDTH, BusyDesktop.HEIGHT);
            }
            Child presenter = agent;
            server.drain();
            long[][] before = others == null ? null : others.counts();
            long started = System.nanoTime();
            List<Column> columns = measure(viewers, proxies, () -> Map.of("agent", ProcessTree.ticks(Set.of(presenter.pid())),
                    "relay", ProcessTree.ticks(Set.of(server.pid()))));
            if (others != null) {
                notes.add("ten viewers: " + others.report(before, (System.nanoTime() - started) / 1e9));
            }
            // the relay cuts a slow consumer without a close frame (the browser sees 1006): its log says why
            long slow = server.drain().stream().filter(line -> line.contains("closing slow consumer")).count();
            return slow == 0 ? columns : columns.stream().map(c -> c.connected().startsWith("closed") ? c.noting(String.format(
                    Locale.ROOT, "; the relay logged \"relay send queue full, closing slow consumer\" %d×", slow)) : c).toList();
        } finally {
            if (agent != null) {
                close(agent);
            }
            if (others != null) {
                others.close();
            }
            viewers.forEach(CanvasViewer::close);
            for (LinkProxy proxy : proxies) {
                proxy.close();
            }
        }
    }

    /** Signs in on the sign-in page, opens the invitation link and joins: what an invitee does. */
    private static void join(Page page, String origin, String email, String path) {
        page.navigate(origin + "/signin.html");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(MeetingServer.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        page.waitForURL("**/account.html");
        page.navigate(origin + path);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!FINGERPRINT.matcher(page.locator("#own-key").textContent()).matches()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the viewer " + email + " did not join within 60 s");
            }
            page.waitForTimeout(100);
        }
    }

    /** A VNC server ({@code %d} in its command = its port) behind websockify serving noVNC, viewed with vnc_lite.html. */
    private Column vnc(Playwright playwright, String name, List<String> serverCommand) throws Exception {
        int vncPort = freePort();
        Child vnc = start("vnc", serverCommand.stream().map(a -> a.equals("%d") ? String.valueOf(vncPort) : a).toList(),
                Map.of("DISPLAY", display));
        Child websockify = null;
        CanvasViewer viewer = null;
        LinkProxy proxy = null;
        try {
            awaitListening(vncPort, vnc);
            int wsPort = freePort();
            websockify = start("websockify", List.of("/usr/bin/websockify", "--web", "/usr/share/novnc", "127.0.0.1:" + wsPort,
                    "127.0.0.1:" + vncPort), Map.of());
            awaitListening(wsPort, websockify);
            proxy = new LinkProxy(wsPort, 0);
            viewer = CanvasViewer.launch(playwright, name, BusyDesktop.WIDTH, BusyDesktop.HEIGHT);
            viewer.page().navigate("http://127.0.0.1:" + proxy.port() + "/vnc_lite.html?host=127.0.0.1&port=" + proxy.port()
                    + "&path=websockify");
            viewer.probe("#screen canvas", MARKER_X, MARKER_Y, BusyDesktop.WIDTH, BusyDesktop.HEIGHT);
            Child server = vnc;
            Child proxyProcess = websockify;
            return measure(List.of(viewer), List.of(proxy), () -> Map.of(
                    "VNC server", ProcessTree.ticks(Set.of(server.pid())), "websockify", ProcessTree.ticks(Set.of(proxyProcess.pid()))))
                    .getFirst();
        } finally {
            if (viewer != null) {
                viewer.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (websockify != null) {
                close(websockify);
            }
            close(vnc);
        }
    }

    /** Reads the CPU ticks of the serving side's parts, by name. */
    private interface ServingSide {
        Map<String, Map<Long, Long>> ticks();
    }

    /**
     * Waits until every viewer shows the marker, lets it watch {@code --warmup} s, then measures
     * {@code --seconds}; the probes keep running 3 s more, so a late change still counts (with its latency).
     */
    private List<Column> measure(List<CanvasViewer> viewers, List<LinkProxy> proxies, ServingSide side) throws Exception {
        for (CanvasViewer viewer : viewers) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (MarkerMatch.classify(viewer.lastColour()) < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(viewer.name() + ": the canvas did not show the marker within 60 s (last read "
                            + Integer.toHexString(viewer.lastColour()) + ")");
                }
                Thread.sleep(100);
            }
        }
        Thread.sleep(warmup * 1000L);
        long t0 = System.currentTimeMillis();
        var side0 = side.ticks();
        List<Map<Long, Long>> chromium0 = viewers.stream().map(CanvasViewer::cpuTicks).toList();
        List<Long> bytes0 = proxies.stream().map(LinkProxy::bytesDown).toList();
        var xvfb0 = ProcessTree.ticks(Set.of(xvfb.pid()));
        Thread.sleep(seconds * 1000L);
        long t1 = System.currentTimeMillis();
        var side1 = side.ticks();
        List<Map<Long, Long>> chromium1 = viewers.stream().map(CanvasViewer::cpuTicks).toList();
        List<Long> bytes1 = proxies.stream().map(LinkProxy::bytesDown).toList();
        var xvfb1 = ProcessTree.ticks(Set.of(xvfb.pid()));
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; // others' work on the machine shows here
        Thread.sleep(3000);
        double serverCpu = 0;
        List<String> parts = new ArrayList<>();
        for (String part : side0.keySet().stream().sorted().toList()) {
            double cpu = ProcessTree.seconds(side0.get(part), side1.get(part));
            serverCpu += cpu;
            parts.add(String.format(Locale.ROOT, "%s %.1f", part, cpu));
        }
        double xvfbCpu = ProcessTree.seconds(xvfb0, xvfb1);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < viewers.size(); i++) {
            CanvasViewer.Seen seen = viewers.get(i).seen();
            MarkerMatch match = MarkerMatch.of(List.copyOf(markers), seen.samples(), t0, t1);
            long painted = seen.frames().stream().filter(t -> t >= t0 && t < t1).count();
            String connected = seen.connected() ? "connected" : seen.closes().isEmpty() ? "closed" : closed(seen.closes().getLast(), t0);
            columns.add(new Column(viewers.get(i).name(), bytes1.get(i) - bytes0.get(i), match.latencies(), match.shown(),
                    match.changes(), painted * 1000.0 / (t1 - t0), serverCpu, String.join(" + ", parts),
                    ProcessTree.seconds(chromium0.get(i), chromium1.get(i)), xvfbCpu, connected, load));
        }
        return columns;
    }

    private static String closed(CanvasViewer.Close close, long t0) {
        return String.format(Locale.ROOT, "closed %.1f s into the window: %d%s", (close.at() - t0) / 1000.0, close.code(),
                close.reason().isEmpty() ? " (no close frame)" : " \"" + close.reason() + "\"");
    }

    private static void print(List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", columns, Column::name));
        rows.add(row("bytes to the viewer", columns, c -> String.format(Locale.ROOT, "%.1f MB", c.bytes() / 1e6)));
        rows.add(row("change on screen -> on the canvas, median / p95", columns, c -> c.latencies().isEmpty() ? "-"
                : String.format(Locale.ROOT, "%d / %d ms", MarkerMatch.percentile(c.latencies(), 50),
                MarkerMatch.percentile(c.latencies(), 95))));
        rows.add(row("marker changes shown", columns, c -> c.shown() + " of " + c.changes()));
        rows.add(row("frames painted per second", columns, c -> String.format(Locale.ROOT, "%.1f", c.paintedPerSecond())));
        rows.add(row("CPU of the serving side, s", columns, c -> String.format(Locale.ROOT, "%.1f (%s)", c.serverCpu(),
                c.serverCpuParts())));
        rows.add(row("CPU of the viewer (Chromium), s", columns, c -> String.format(Locale.ROOT, "%.1f", c.viewerCpu())));
        rows.add(row("CPU of Xvfb, s", columns, c -> String.format(Locale.ROOT, "%.1f", c.xvfbCpu())));
        rows.add(row("the viewer at the end", columns, Column::connected));
        rows.add(row("machine load average (1 min) at the end", columns, Column::load));
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
            if (row == rows.getFirst()) {
                System.out.println("|" + "---|".repeat(row.length));
            }
        }
    }

    private static String[] row(String label, List<Column> columns, java.util.function.Function<Column, String> cell) {
        String[] row = new String[columns.size() + 1];
        row[0] = label;
        for (int i = 0; i < columns.size(); i++) {
            row[i + 1] = cell.apply(columns.get(i));
        }
        return row;
    }

    private static void awaitListening(int port, Child process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                if (!process.alive() || System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on " + port + (process.alive() ? "" : ": the process ended"), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    private Child start(String name, List<String> command, Map<String, String> environment) throws IOException {
        Child child = Child.start(name, command, environment);
        running.add(child);
        return child;
    }

    private void close(Child child) {
        child.close();
        running.remove(child);
    }

    private void closeAll() {
        List<Child> children = new ArrayList<>(running);
        running.clear();
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
