package org.parley.bench.voice;

import com.microsoft.playwright.Playwright;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.parley.bench.vnc.Child;
import org.parley.bench.vnc.LinkProxy;
import org.parley.bench.vnc.ProcessTree;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.keys.InvitationSecret;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 13's voice numbers: {@code java -cp bench/target/parley-bench.jar org.parley.bench.voice.MouthToEarBench
 * [--speakers 10 --listeners 100 --minutes 10 --throttled-kbps 1000 --camera-minutes 1]}.
 *
 * <p>One meeting on a fresh server ({@link VoiceServer}, its own JVM) on loopback. A Java organizer
 * holds the keys and admits every joiner by its invitation proof. One Chromium speaks: its fake
 * microphone plays {@link ToneBursts} (60 ms of 1 kHz once a second) and the person clicks Unmute.
 * Chromium listeners hear it: one on loopback and, with {@code --throttled-kbps}, one behind a
 * {@link LinkProxy} at that rate. The other speakers are Java participants replaying Opus packets
 * the speaking Chromium's own encoder made of a synthetic voice (away from 1 kHz), 50 a second each;
 * the other listeners are Java participants that receive and decrypt everything.
 *
 * <p>Mouth to ear, per burst: from the wall-clock time the speaking page's capture worklet handed the
 * page the burst's first sample, to the time the listening page's output device presents the
 * burst's first sample as its mixer played it (AudioContext {@code getOutputTimestamp}); the onset is
 * found the same way in both ({@link Onset}). All on one machine, so one wall clock.
 * After {@code --minutes} of voice only, with {@code --camera-minutes} the speaking Chromium also
 * starts its camera (two layers) for that long: media beside the voice on the throttled link.
 */
@Command(name = "mouth-to-ear-bench", mixinStandardHelpOptions = true,
        description = "Mouth-to-ear latency of Parley's voice between Chromium participants, with Java speakers and listeners as load.")
public final class MouthToEarBench implements Callable<Integer> {
    @Option(names = "--speakers", defaultValue = "10", description = "speakers, the Chromium one included (default ${DEFAULT-VALUE})")
    int speakers;
    @Option(names = "--listeners", defaultValue = "100", description = "listeners, the Chromium ones included (default ${DEFAULT-VALUE})")
    int listeners;
    @Option(names = "--minutes", defaultValue = "10", description = "measured minutes of voice only (default ${DEFAULT-VALUE})")
    int minutes;
    @Option(names = "--camera-minutes", defaultValue = "0",
            description = "measured minutes more with the speaking Chromium's camera on (default ${DEFAULT-VALUE})")
    int cameraMinutes;
    @Option(names = "--talking-at-once", defaultValue = "-1", description = "Java speakers that talk at the same time, the turn "
            + "moving on every 4 s; the others are unmuted and silent (Opus DTX: a 1-byte packet per 400 ms). Default: all of them")
    int talkingAtOnce;
    @Option(names = "--java-cameras", defaultValue = "0",
            description = "Java participants that also send a webcam to the Chromiums (both layers, 24 frames/s, replaying the speaking "
                    + "Chromium's fake camera as its encoder encodes it) from the start (default ${DEFAULT-VALUE})")
    int javaCameras;
    @Option(names = "--throttled-kbps", defaultValue = "1000",
            description = "a Chromium listener behind a link of this rate; 0 = none (default ${DEFAULT-VALUE})")
    int throttledKbps;
    @Option(names = "--lossy-percent", defaultValue = "0",
            description = "a Chromium listener behind a link that loses this share of its packets (nftables; root); 0 = none (default ${DEFAULT-VALUE})")
    double lossyPercent;
    @Option(names = "--browser-listeners", defaultValue = "1", description = "Chromium listeners on loopback (default ${DEFAULT-VALUE})")
    int browserListeners;
    @Option(names = "--coalesce-acks", description = "workaround: the pages send at most one MEDIA_ACK per 20 ms "
            + "(they send one per MEDIA received, which ten speakers push past the relay's message rate)")
    boolean coalesceAcks;
    @Option(names = "--opening-java-listeners", defaultValue = "5", description = "Java listeners that decrypt every frame and "
            + "measure the relay's transit; the others only count the frames that reach them (RawListeners) (default ${DEFAULT-VALUE})")
    int openingJavaListeners;
    @Option(names = "--java-nice", defaultValue = "10", description = "the Java participants' nice value: 10 lets the "
            + "Chromiums and the server go first; 0 lets the listeners keep up, so that the server is not holding their backlog "
            + "(default ${DEFAULT-VALUE})")
    int javaNice;
    @Option(names = "--warmup", defaultValue = "15", description = "seconds of voice before the measurement (default ${DEFAULT-VALUE})")
    int warmup;

    private static final double LATE = 60_000;
    private static final boolean DEBUG = Boolean.getBoolean("voice.debug");
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) {
        System.exit(new CommandLine(new MouthToEarBench()).execute(args));
    }

    /** One Chromium participant and what it measured. */
    private record Participant(VoiceBrowser browser, List<Double> sent, List<Double> heard, List<double[]> clock) {
        Participant(VoiceBrowser browser) {
            this(browser, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** CPU readings at one moment: per Chromium (ticks by pid), the server (ticks by pid), this JVM (ns), the load average. */
    private record Reading(long atMillis, List<Map<Long, Long>> browsers, Map<Long, Long> server, long jvmNanos, String load) {
    }

    @Override
    public Integer call() throws Exception {
        if (!VoiceBrowser.available()) {
            System.err.println("/usr/bin/chromium is missing (apt-get install -y chromium)");
            return 1;
        }
        int browserCount = 1 + browserListeners + (throttledKbps > 0 ? 1 : 0) + (lossyPercent > 0 ? 1 : 0);
        int javaListeners = listeners - (browserCount - 1);
        int javaSpeakers = speakers - 1;
        if (javaListeners < 0 || javaSpeakers < 0) {
            System.err.println("--listeners must cover the Chromium listeners and --speakers the Chromium speaker");
            return 2;
        }
        int accounts = speakers + listeners;
        Path wav = ToneBursts.write(10);
        Child server = Child.start("voice-server", java(VoiceServer.class.getName(), String.valueOf(accounts)), Map.of());
        List<AutoCloseable> open = new ArrayList<>();
        Thread cleanup = new Thread(() -> closeAll(open, server));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            // the load (the Java participants, in this JVM) must not starve what is measured: the server and the browsers
            // (Playwright's driver and the Chromiums it starts, all started before this) keep the normal priority
            yieldToMeasured(javaNice);
            String[] ready = server.await("ready", 180).split(" ");
            int port = Integer.parseInt(ready[1]);
            String meeting = ready[2];
            InvitationSecret k = InvitationSecret.random(new SecureRandom());
            String path = "/meeting.html?id=" + meeting + "#k=" + k.toFragment();
            String origin = "http://127.0.0.1:" + port;
            long setupStarted = System.nanoTime();

            JavaRoom room = new JavaRoom(port, meeting, k, openingJavaListeners,
                    Math.max(0, javaCameras - javaSpeakers - openingJavaListeners));
            open.add(room);
            SessionClient organizer = room.organizer();
            waitFor("the organizer to hold the key", 30, organizer::holdsKeys);

            int account = 0;
            List<Participant> browsers = new ArrayList<>();
            Participant speaker = chromium(playwright, "Chromium speaker", wav, origin, account++, path, open);
            browsers.add(speaker);
            for (int i = 0; i < browserListeners; i++) {
                browsers.add(chromium(playwright, "Chromium listener, loopback", wav, origin, account++, path, open));
            }
            if (throttledKbps > 0) {
                LinkProxy link = new LinkProxy(port, throttledKbps * 1000L);
                open.add(link);
                browsers.add(chromium(playwright, "Chromium listener at " + throttledKbps + " kbit/s", wav,
                        "http://127.0.0.1:" + link.port(), account++, path, open));
            }
            if (lossyPercent > 0) {
                LossyLink lossy = LossyLink.open(port, lossyPercent);
                open.add(lossy);
                browsers.add(chromium(playwright, String.format(Locale.ROOT, "Chromium listener, %.0f %% loss", lossyPercent), wav,
                        "http://127.0.0.1:" + lossy.port(), account++, path, open));
            }
            for (int i = 0; i < javaSpeakers + javaListeners; i++) {
                room.join(VoiceServer.participant(account), account, i < javaSpeakers);
                account++;
            }
            int everyone = 1 + accounts;
            waitFor("all " + everyone + " participants to hold the same key", 600, () -> room.settled(everyone) == room.size()
                    && browsers.stream().allMatch(b -> b.browser().people() == everyone));
            double setupSeconds = (System.nanoTime() - setupStarted) / 1e9;
            System.err.printf(Locale.ROOT, "%d participants in (%d Chromium, %d Java) after %.0f s%n", everyone, browserCount,
                    room.joined(), setupSeconds);

            List<byte[]> packets = speaker.browser().encodeVoice(10, 0.3);
            speaker.browser().unmute();
            room.speak(packets, talkingAtOnce < 0 ? javaSpeakers : talkingAtOnce);
            if (javaCameras > 0) {
                Set<String> chromiums = new java.util.HashSet<>();
                for (int i = 0; i < browserCount; i++) {
                    chromiums.add("Voice" + i + " Bench");
                }
                room.showCameras(speaker.browser().recordCamera(10), javaCameras, chromiums);
            }
            Thread.sleep(warmup * 1000L);
            String profile = System.getProperty("voice.profile"); // a file: the first listening page's JavaScript profile, 10 s
            if (profile != null && browsers.size() > 1) {
                browsers.get(1).browser().profile(Path.of(profile), 10);
            }
            for (Participant b : browsers) {
                b.browser().drain(); // the warm-up's bursts do not count
            }
            long start = System.currentTimeMillis();
            MinuteWindows transit = new MinuteWindows(start);
            room.measureTransit(transit);
            long[] counts0 = room.counts();
            List<Reading> readings = new ArrayList<>();
            readings.add(read(browsers, server));
            int total = minutes + cameraMinutes;
            List<String> errors = new ArrayList<>();
            for (int minute = 0; minute < total; minute++) {
                if (minute == minutes && cameraMinutes > 0) {
                    speaker.browser().startCamera();
                }
                long until = start + (minute + 1) * 60_000L;
                while (System.currentTimeMillis() < until) {
                    Thread.sleep(Math.min(5000, Math.max(1, until - System.currentTimeMillis())));
                    collect(browsers, errors);
                }
                readings.add(read(browsers, server));
                System.err.printf(Locale.ROOT, "minute %d of %d done; load %s%n", minute + 1, total, readings.getLast().load());
            }
            long end = System.currentTimeMillis();
            Thread.sleep(2000);
            collect(browsers, errors);
            long[] counts1 = room.counts();
            String audioInfo = String.join("; ", browsers.stream().map(b -> b.browser().name() + " " + b.browser().audioInfo()).toList());
            report(start, end, browsers, transit, readings, counts0, counts1, room, setupSeconds, errors, audioInfo, javaSpeakers,
                    javaListeners);
            return 0;
        } finally {
            closeAll(open, server);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /** A Chromium participant (closed with {@code open}) signed in as account {@code account}, in the meeting through {@code origin}. */
    private Participant chromium(Playwright playwright, String name, Path wav, String origin, int account, String path,
            List<AutoCloseable> open) throws java.io.IOException {
        Participant participant = new Participant(VoiceBrowser.launch(playwright, name, wav, coalesceAcks));
        open.add(participant.browser());
        participant.browser().join(origin, VoiceServer.participant(account), VoiceServer.PASSWORD, path);
        return participant;
    }

    /**
     * Lowers this JVM's threads to {@code nice} (0: leaves them); threads it starts later inherit that. Linux schedules each
     * thread on its own, so a hundred Java participants' threads at the normal priority would take the
     * two cores from the few Chromium threads whose timing is the measurement.
     */
    private static void yieldToMeasured(int nice) throws Exception {
        if (nice == 0) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(nice), "-p"));
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> command.add(t.getFileName().toString()));
        }
        Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(renice.getInputStream().readAllBytes());
        if (renice.waitFor() != 0) {
            System.err.println("could not lower the Java participants' priority: " + said.strip());
        }
    }

    /** Drains every page's probe: the speaker's bursts sent, each listener's bursts heard, as onset times (epoch ms). */
    private static void collect(List<Participant> browsers, List<String> errors) {
        for (Participant p : browsers) {
            VoiceBrowser.Drained drained = p.browser().drain();
            errors.addAll(drained.errors());
            for (VoiceBrowser.Snippet s : drained.sent()) {
                OptionalDouble onset = Onset.find(s.samples());
                if (onset.isPresent()) {
                    p.sent().add(s.t0() + onset.getAsDouble());
                    if (DEBUG) {
                        System.err.printf(Locale.ROOT, "sent t0 %.1f onset %.2f%n", s.t0(), onset.getAsDouble());
                    }
                }
            }
            for (VoiceBrowser.Snippet s : drained.heard()) {
                OptionalDouble onset = Onset.find(s.samples());
                if (onset.isPresent()) {
                    // the output device's clock when the page has one; else the render clock plus the latency it reports
                    double t0 = Double.isNaN(s.t0()) ? s.t0Rendered() + 1000 * (Double.isNaN(s.outputLatency()) ? 0 : s.outputLatency()) : s.t0();
                    p.heard().add(t0 + onset.getAsDouble());
                    p.clock().add(new double[] {s.t0() - s.t0Rendered(), s.outputLatency()});
                    if (DEBUG) {
                        System.err.printf(Locale.ROOT, "heard %s t0 %.1f rendered %.1f onset %.2f%n", p.browser().name(), s.t0(),
                                s.t0Rendered(), onset.getAsDouble());
                    }
                } else if (DEBUG) {
                    System.err.println("heard snippet without onset " + p.browser().name());
                }
            }
        }
    }

    private static Reading read(List<Participant> browsers, Child server) throws Exception {
        return new Reading(System.currentTimeMillis(), browsers.stream().map(b -> b.browser().cpuTicks()).toList(),
                ProcessTree.ticks(Set.of(server.pid())), OS.getProcessCpuTime(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private void report(long start, long end, List<Participant> browsers, MinuteWindows transit, List<Reading> readings, long[] c0,
            long[] c1, JavaRoom room, double setupSeconds, List<String> errors, String audioInfo, int javaSpeakers, int javaListeners) {
        Participant speaker = browsers.getFirst();
        List<Participant> ears = browsers.subList(1, browsers.size());
        List<MinuteWindows> heard = new ArrayList<>();
        List<List<BurstMatch.Heard>> pairs = new ArrayList<>();
        for (Participant ear : ears) {
            MinuteWindows w = new MinuteWindows(start);
            List<BurstMatch.Heard> matched = BurstMatch.pair(speaker.sent(), ear.heard());
            // a burst not heard within the period counts as later than any heard: the percentiles show it as "> 1 s"
            matched.stream().filter(h -> h.sentAt() < end).forEach(h -> w.add(h.sentAt(), h.late() ? LATE : h.delayMs()));
            heard.add(w);
            pairs.add(matched);
        }
        long sentInRun = speaker.sent().stream().filter(t -> t >= start && t < end).count();
        int total = minutes + cameraMinutes;
        System.out.printf(Locale.ROOT, "%nMouth to ear: %d speakers (1 Chromium + %d Java), %d listeners (%d Chromium + %d Java), "
                + "%d min voice only%s; %d cores; set-up (joins, keys) %.0f s%n", speakers, javaSpeakers, listeners, ears.size(),
                javaListeners, minutes, cameraMinutes > 0 ? " + " + cameraMinutes + " min with the speaker's camera on" : "",
                Runtime.getRuntime().availableProcessors(), setupSeconds);
        List<String> header = new ArrayList<>(List.of("minute", "bursts sent"));
        for (Participant ear : ears) {
            header.add(ear.browser().name() + ": bursts heard within 1 s, mouth to ear p50 / p95 ms");
        }
        header.addAll(List.of("Java listeners: relay transit p50 / p95 ms", "CPU speaker Chromium"));
        for (Participant ear : ears) {
            header.add("CPU " + ear.browser().name());
        }
        header.addAll(List.of("CPU server", "CPU bench JVM (Java participants)", "load avg 1 min"));
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.size()));
        for (int m = 0; m < total; m++) {
            long from = start + m * 60_000L;
            long to = from + 60_000L;
            List<String> row = new ArrayList<>();
            row.add((m + 1) + (m >= minutes ? " (camera)" : ""));
            row.add(String.valueOf(speaker.sent().stream().filter(t -> t >= from && t < to).count()));
            for (MinuteWindows w : heard) {
                row.add(late(w, m, m + 1) + ", " + ms(w.percentile(m, 50)) + " / " + ms(w.percentile(m, 95)));
            }
            row.add(transit.count(m) == 0 ? "-" : transit.percentile(m, 50) + " / " + transit.percentile(m, 95));
            Reading a = readings.get(m);
            Reading b = readings.get(m + 1);
            double seconds = (b.atMillis() - a.atMillis()) / 1000.0;
            for (int i = 0; i < browsers.size(); i++) {
                row.add(cores(ProcessTree.seconds(a.browsers().get(i), b.browsers().get(i)) / seconds));
            }
            row.add(cores(ProcessTree.seconds(a.server(), b.server()) / seconds));
            row.add(cores((b.jvmNanos() - a.jvmNanos()) / 1e9 / seconds));
            row.add(b.load());
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
        for (int i = 0; i < ears.size(); i++) {
            MinuteWindows w = heard.get(i);
            String voiceOnly = summary(w, 0, minutes);
            String camera = cameraMinutes > 0 ? "; with the camera on " + summary(w, minutes, total) : "";
            String trend = minutes >= 2 ? String.format(Locale.ROOT, "; first minute p95 %s ms, last voice-only minute p95 %s ms",
                    ms(w.percentile(0, 95)), ms(w.percentile(minutes - 1, 95))) : "";
            System.out.printf(Locale.ROOT, "%s: voice only %s%s%s%n", ears.get(i).browser().name(), voiceOnly, trend, camera);
        }
        System.out.printf(Locale.ROOT, "bursts sent in the measured window: %d; Java listeners' relay transit over the run: p50 %d, "
                + "p95 %d, p99 %d ms (%d frames)%n", sentInRun, transit.percentile(0, total, 50), transit.percentile(0, total, 95),
                transit.percentile(0, total, 99), transit.count(0, total));
        double seconds = (end - start) / 1000.0;
        System.out.printf(Locale.ROOT, "Java speakers sent %.0f frames/s (%d refused by the client, last: %s); Java listeners received "
                + "%.0f frames/s in all (%.1f each); %d drops reported; %d of %d Java connections open at the end%n",
                (c1[0] - c0[0]) / seconds, c1[1] - c0[1], room.lastSendFailure(), (c1[2] - c0[2]) / seconds,
                javaListeners == 0 ? 0 : (c1[2] - c0[2]) / seconds / javaListeners, c1[3] - c0[3], room.connected(), room.joined());
        for (Participant ear : ears) {
            List<double[]> clock = ear.clock();
            if (!clock.isEmpty()) {
                double[] d = clock.stream().mapToDouble(c -> c[0]).sorted().toArray();
                System.out.printf(Locale.ROOT, "%s: output-device clock minus render clock, median %.1f ms; outputLatency reported %s%n",
                        ear.browser().name(), d[d.length / 2], clock.getLast()[1]);
            }
        }
        if (lossyPercent > 0) {
            System.out.println("the lossy link's packets and drops (nftables counters): " + LossyLink.counters());
        }
        if (javaCameras > 0) {
            System.out.printf(Locale.ROOT, "Java cameras: %d sent %.0f chunks/s in all (both layers)%n", javaCameras,
                    room.cameraChunksSent() / ((end - start) / 1000.0 + warmup));
            System.out.println("camera tiles on the Chromium pages: " + String.join("; ", browsers.stream()
                    .map(b -> b.browser().name() + " " + b.browser().cameraTiles()).toList()));
        }
        System.out.println("audio as the pages report it: " + audioInfo);
        errors.stream().distinct().limit(10).forEach(e -> System.out.println("probe error: " + e));
    }

    private static String summary(MinuteWindows w, int from, int to) {
        return String.format(Locale.ROOT, "p50 %s ms, p95 %s ms (%s)", ms(w.percentile(from, to, 50)), ms(w.percentile(from, to, 95)),
                late(w, from, to));
    }

    /** A delay from the windows: "> 1000" for a burst not heard within a second, "-" for none. */
    private static String ms(long value) {
        return value < 0 ? "-" : value >= BurstMatch.PERIOD_MS ? "> " + (long) BurstMatch.PERIOD_MS : String.valueOf(value);
    }

    /** Bursts heard within a second of those sent, e.g. "58 of 60 heard". */
    private static String late(MinuteWindows w, int from, int to) {
        long all = w.count(from, to);
        long late = w.countAtLeast(from, to, (long) BurstMatch.PERIOD_MS);
        return (all - late) + " of " + all + " heard";
    }

    private static String cores(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitFor(String what, int seconds, Condition condition) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting " + seconds + " s for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static List<String> java(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    private static void closeAll(List<AutoCloseable> open, Child server) {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // already closed
            }
        }
        open.clear();
        server.close();
    }
}
