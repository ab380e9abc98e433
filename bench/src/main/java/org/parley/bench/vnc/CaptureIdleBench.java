package org.parley.bench.vnc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.agent.screen.ScreenCapture;

/**
 * What an idle desktop costs the presenting agent (issue 12 item 3): on a private, untouched
 * {@code Xvfb 1920x1080x24}, the agent's capture loop ({@code parley-agent capture-test}: keyframe
 * schedule, capture, encode, exactly as when presenting minus the network) runs at each frame rate
 * once with {@code java.awt.Robot} (a full grab every tick) and once with the X11 capture (XDamage +
 * XShm: nothing grabbed while nothing is drawn). After a 5 s settling time (JVM start, warm-up
 * frames, JIT), the agent's and Xvfb's CPU are read from /proc over the measured window. Then
 * {@link GrabTimeProbe} times single full-screen grabs of both kinds.
 * <p>
 * {@code java -cp bench/target/parley-bench.jar org.parley.bench.vnc.CaptureIdleBench [--seconds 30] [--fps 10,30]}
 */
public final class CaptureIdleBench {
    private static final int SETTLE_SECONDS = 5;

    private final int seconds;
    private final List<Integer> rates;
    private final List<Child> running = new ArrayList<>();
    private String display;
    private Child xvfb;

    private CaptureIdleBench(int seconds, List<Integer> rates) {
        this.seconds = seconds;
        this.rates = rates;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 30;
        List<Integer> rates = List.of(10, 30);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--fps" -> rates = List.of(args[i + 1].split(",")).stream().map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--seconds N, --fps 10,30)");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/bin/Xvfb"))) {
            System.err.println("CaptureIdleBench needs /usr/bin/Xvfb (apt-get install -y xvfb)");
            System.exit(1);
        }
        var bench = new CaptureIdleBench(seconds, rates);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::closeAll));
        bench.run();
    }

    private void run() throws Exception {
        xvfb = start("xvfb", List.of("/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"));
        String number = xvfb.readLine(15).strip();
        if (!number.matches("\\d+")) {
            throw new IOException("Xvfb reported " + number);
        }
        display = ":" + number;
        System.out.printf(Locale.ROOT, "idle Xvfb 1920×1080 on %s, %d s measured per row after %d s settling, %d cores, load %s%n",
                display, seconds, SETTLE_SECONDS, Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("| capture | fps | agent CPU, s | agent, % of one core | Xvfb CPU, s | capture method |");
        System.out.println("|---|---|---|---|---|---|");
        for (int fps : rates) {
            for (boolean robot : new boolean[] {true, false}) {
                idleRow(fps, robot);
            }
        }
        Child probe = start("grab-times", java(GrabTimeProbe.class.getName(), "100"));
        System.out.println();
        for (String line = probe.readLine(120); !line.equals("done"); line = probe.readLine(120)) {
            System.out.println(line);
        }
        close(probe);
        System.out.println("machine load average at the end: " + loadAverage());
        closeAll();
    }

    private void idleRow(int fps, boolean robot) throws Exception {
        List<String> command = new ArrayList<>(javaWith(robot ? "-D" + ScreenCapture.METHOD_PROPERTY + "=robot" : null,
                "org.parley.agent.Main", "capture-test", "--seconds", String.valueOf(seconds + SETTLE_SECONDS + 5),
                "--max-fps", String.valueOf(fps)));
        Child agent = start("agent", command);
        String method = agent.await("capture method: ", 60).substring("capture method: ".length());
        Thread.sleep(SETTLE_SECONDS * 1000L); // settling, not waiting for a condition
        long agent0 = agent.cpuTicks();
        long xvfb0 = xvfb.cpuTicks();
        Thread.sleep(seconds * 1000L); // the measured window
        double agentSeconds = (agent.cpuTicks() - agent0) / ProcessTree.TICKS_PER_SECOND;
        double xvfbSeconds = (xvfb.cpuTicks() - xvfb0) / ProcessTree.TICKS_PER_SECOND;
        close(agent);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f %% | %.2f | %s |%n", robot ? "Robot" : "XDamage + XShm", fps,
                agentSeconds, 100 * agentSeconds / seconds, xvfbSeconds, method);
    }

    private List<String> javaWith(String property, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=false"));
        if (property != null) {
            command.add(property);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    private List<String> java(String main, String... args) {
        return javaWith(null, main, args);
    }

    private Child start(String name, List<String> command) throws IOException {
        Child child = Child.start(name, command, display == null ? Map.of() : Map.of("DISPLAY", display));
        running.add(child);
        return child;
    }

    private void close(Child child) {
        child.close();
        running.remove(child);
    }

    private synchronized void closeAll() {
        List<Child> children = new ArrayList<>(running);
        running.clear();
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
