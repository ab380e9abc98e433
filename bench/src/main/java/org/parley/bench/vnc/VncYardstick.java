package org.parley.bench.vnc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp bench/target/parley-bench.jar org.parley.bench.vnc.VncYardstick [--seconds 10] [--fps 10]
 * [--workloads static,caret,scroll] [--encodings zrle,tight] [--level 1] [--sources agent/src/main/java]}:
 * DESIGN §4's yardstick. For each workload: a private {@code Xvfb 1920×1080×24}, the agent's editor
 * workload on it ({@link EditorWorkload}), then — one after the other, never at once — the agent's
 * capture and {@code TileEncoder} in its own JVM ({@link AgentProbe}) and x11vnc read by
 * {@link RfbCounter}, both paced to {@code --fps}. Prints one table: the full-screen size, bytes/s and
 * updates/s of the steady state after it, and the CPU of the encoder's process and of Xvfb (both
 * sides read pixels from it) over the window, from /proc. Every process started is ended.
 */
@Command(name = "vnc-yardstick", mixinStandardHelpOptions = true,
        description = "Compares the agent's tile encoder with x11vnc on the same Xvfb screen workloads.")
public final class VncYardstick implements Callable<Integer> {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ
    private static final Pattern RESULT = Pattern.compile(
            "result key=(\\d+) bytes=(\\d+) frames=(\\d+) changed=(\\d+) nanos=(\\d+) capture=(\\d+) encode=(\\d+)");

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per workload and side (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--fps", defaultValue = "10",
            description = "frame rate of both sides: the agent's ticks, the VNC client's request pacing; 0 = VNC requests at once "
                    + "like noVNC, agent at 30 (default ${DEFAULT-VALUE}, the agent's present default)")
    int fps;
    @Option(names = "--workloads", defaultValue = "static,caret,scroll", split = ",", description = "default ${DEFAULT-VALUE}")
    List<String> workloads;
    @Option(names = "--encodings", defaultValue = "zrle", split = ",", description = "zrle, tight (lossless), raw (default ${DEFAULT-VALUE})")
    List<String> encodings;
    @Option(names = "--level", defaultValue = "1", description = "the agent's zlib level (default ${DEFAULT-VALUE}, TileEncoder's)")
    int level;
    @Option(names = "--vnc-compress", defaultValue = "-1",
            description = "send the CompressLevel pseudo-encoding 0–9 to x11vnc; -1 = none, the server's default (default ${DEFAULT-VALUE})")
    int vncCompress;
    @Option(names = "--sources", description = "Java sources the editor shows (default agent/src/main/java if present, else .)")
    Path sources;
    @Option(names = "--screenshots", description = "a directory to save each workload's screen as <workload>.png")
    Path screenshots;
    @Option(names = "--warmup", defaultValue = "2", description = "unmeasured incremental VNC updates first, seconds (default ${DEFAULT-VALUE})")
    int warmup;

    private final List<Child> running = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new VncYardstick()).execute(args));
    }

    /** One row of the table. */
    private record Row(String workload, String side, long fullBytes, double bytesPerSecond, double updatesPerSecond,
            double cpu, double xvfbCpu, String notes) {
    }

    @Override
    public Integer call() throws Exception {
        for (String tool : new String[] {"/usr/bin/Xvfb", "/usr/bin/x11vnc"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                System.err.println(tool + " is missing (apt-get install -y xvfb x11vnc)");
                return 1;
            }
        }
        Path text = sources != null ? sources : Files.isDirectory(Path.of("agent/src/main/java")) ? Path.of("agent/src/main/java") : Path.of(".");
        Thread cleanup = new Thread(this::closeAll);
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<Row> rows = new ArrayList<>();
        try {
            for (String workload : workloads) {
                measure(workload, text.toAbsolutePath(), rows);
            }
        } finally {
            closeAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        print(rows);
        return 0;
    }

    private void measure(String workload, Path text, List<Row> rows) throws Exception {
        System.err.printf(Locale.ROOT, "%s: starting Xvfb and the workload%n", workload);
        Child xvfb = start("xvfb", List.of("/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"), Map.of());
        String number = xvfb.readLine(15).strip();
        if (!number.matches("\\d+")) {
            throw new IOException("Xvfb reported " + number);
        }
        Map<String, String> display = Map.of("DISPLAY", ":" + number);
        Child editor = start("workload", java(EditorWorkload.class, workload, text.toString()), display);
        editor.await("ready", 60);

        System.err.printf(Locale.ROOT, "%s: agent capture + TileEncoder at %d fps for %d s%n", workload, agentFps(), seconds);
        List<String> probeArgs = new ArrayList<>(List.of(String.valueOf(seconds), String.valueOf(agentFps()), String.valueOf(level)));
        if (screenshots != null) {
            Files.createDirectories(screenshots);
            probeArgs.add(screenshots.resolve(workload + ".png").toAbsolutePath().toString());
        }
        Child probe = start("agent-probe", java(AgentProbe.class, probeArgs.toArray(String[]::new)), display);
        probe.await("start", 60);
        long probe0 = probe.cpuTicks();
        long xvfb0 = xvfb.cpuTicks();
        Matcher m = RESULT.matcher(probe.await("result", seconds + 60L));
        long probe1 = probe.cpuTicks();
        long xvfb1 = xvfb.cpuTicks();
        if (!m.matches()) {
            throw new IOException("agent probe printed an unexpected result line");
        }
        double wall = Long.parseLong(m.group(5)) / 1e9;
        int frames = Integer.parseInt(m.group(3));
        rows.add(new Row(workload, "agent tiles zlib " + level, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / wall,
                Integer.parseInt(m.group(4)) / wall, cores(probe1 - probe0, wall), cores(xvfb1 - xvfb0, wall),
                String.format(Locale.ROOT, "%d ticks; capture %.1f + encode %.1f ms/tick", frames,
                        Long.parseLong(m.group(6)) / 1e6 / frames, Long.parseLong(m.group(7)) / 1e6 / frames)));
        close(probe);

        int port = freePort();
        Child x11vnc = start("x11vnc", List.of("/usr/bin/x11vnc", "-display", ":" + number, "-rfbport", String.valueOf(port),
                "-localhost", "-nopw", "-forever", "-shared", "-quiet"), display);
        prime(port);
        for (String encoding : encodings) {
            rows.add(measureVnc(workload, encoding, port, x11vnc, xvfb));
        }
        close(x11vnc);
        close(editor);
        close(xvfb);
    }

    /**
     * x11vnc fills its own copy of the screen by polling, so the first client's full update can go
     * out half empty; an unmeasured client first lets it catch up, so every measured full frame is whole.
     */
    private void prime(int port) throws Exception {
        try (RfbCounter client = RfbCounter.connect(port, List.of(RfbCounter.ZRLE, RfbCounter.RAW), 20_000)) {
            client.fullUpdate();
            client.startLoop(0);
            Thread.sleep(3000);
        }
    }

    private Row measureVnc(String workload, String encoding, int port, Child x11vnc, Child xvfb) throws Exception {
        List<Integer> requested = new ArrayList<>();
        switch (encoding) {
            case "zrle" -> requested.add(RfbCounter.ZRLE);
            case "tight" -> requested.add(RfbCounter.TIGHT);
            case "raw" -> { } // a check of the framing: the full frame must be w·h·4 plus headers
            default -> throw new IllegalArgumentException("encoding zrle, tight or raw, got " + encoding);
        }
        requested.add(RfbCounter.COPY_RECT);
        requested.add(RfbCounter.RAW);
        if (vncCompress >= 0) {
            requested.add(-256 + vncCompress);
        }
        System.err.printf(Locale.ROOT, "%s: x11vnc %s at %s for %d s (+%d s warm-up)%n", workload, encoding,
                fps == 0 ? "unpaced requests" : fps + " requests/s at most", seconds, warmup);
        try (RfbCounter client = RfbCounter.connect(port, requested, 20_000)) {
            RfbCounter.Counts before = client.snapshot();
            client.fullUpdate();
            long full = client.snapshot().minus(before).bytes();
            client.startLoop(fps == 0 ? 0 : 1_000_000_000L / fps);
            Thread.sleep(warmup * 1000L);
            RfbCounter.Counts c0 = client.snapshot();
            long vnc0 = x11vnc.cpuTicks();
            long xvfb0 = xvfb.cpuTicks();
            Thread.sleep(seconds * 1000L);
            RfbCounter.Counts d = client.snapshot().minus(c0);
            long vnc1 = x11vnc.cpuTicks();
            long xvfb1 = xvfb.cpuTicks();
            if (!x11vnc.alive()) {
                throw new IOException("x11vnc ended during the measurement");
            }
            double wall = d.nanos() / 1e9;
            return new Row(workload, "x11vnc " + encoding.toUpperCase(Locale.ROOT)
                    + (vncCompress >= 0 ? " cl" + vncCompress : ""), full, d.bytes() / wall, d.updates() / wall,
                    cores(vnc1 - vnc0, wall), cores(xvfb1 - xvfb0, wall),
                    String.format(Locale.ROOT, "%dx%d; rects: %d %s, %d CopyRect, %d Raw", client.width(), client.height(),
                            encoding.equals("zrle") ? d.zrle() : d.tight(), encoding.equals("zrle") ? "ZRLE" : "Tight",
                            d.copyRect(), d.raw()));
        }
    }

    private int agentFps() {
        return fps == 0 ? 30 : fps;
    }

    private static double cores(long ticks, double seconds) {
        return ticks / TICKS_PER_SECOND / seconds;
    }

    private static void print(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%-8s %-18s %12s %12s %10s %9s %9s  %s%n", "workload", "side", "full frame B", "bytes/s",
                "updates/s", "CPU %", "Xvfb %", "notes");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-8s %-18s %12d %12.0f %10.2f %9.1f %9.1f  %s%n", r.workload(), r.side(), r.fullBytes(),
                    r.bytesPerSecond(), r.updatesPerSecond(), r.cpu() * 100, r.xvfbCpu() * 100, r.notes());
        }
        System.out.println("bytes/s and updates/s: steady state after the full frame (agent: no periodic keyframe; a keyframe every 10 s "
                + "adds about full/10 B/s). CPU %: the encoder's process (agent JVM / x11vnc), 100 = one core; Xvfb %: the X server "
                + "over the same window.");
    }

    private List<String> java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Child start(String name, List<String> command, Map<String, String> environment) throws IOException {
        Map<String, String> env = new HashMap<>(environment);
        Child child = Child.start(name, command, env);
        synchronized (running) {
            running.add(child);
        }
        return child;
    }

    private void close(Child child) {
        child.close();
        synchronized (running) {
            running.remove(child);
        }
    }

    private void closeAll() {
        List<Child> children;
        synchronized (running) {
            children = new ArrayList<>(running);
            running.clear();
        }
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
