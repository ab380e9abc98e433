package org.parley.bench.vnc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CPU of processes and all their descendants from /proc (websockify forks per connection,
 * Chromium has a process per role): utime + stime per live pid, so a reading taken before and one
 * after a window give the CPU spent in it, counting processes born in between from zero.
 */
public final class ProcessTree {
    static final double TICKS_PER_SECOND = 100; // USER_HZ

    private ProcessTree() {
    }

    /** utime + stime in ticks of each live process in the trees rooted at {@code roots}. */
    public static Map<Long, Long> ticks(Set<Long> roots) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(dir.getFileName().toString());
                    parents.put(pid, Long.parseLong(fields[1]));
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        Set<Long> inTree = new HashSet<>(roots);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var e : parents.entrySet()) {
                if (!inTree.contains(e.getKey()) && inTree.contains(e.getValue())) {
                    inTree.add(e.getKey());
                    grew = true;
                }
            }
        }
        Map<Long, Long> result = new HashMap<>();
        for (long pid : inTree) {
            Long t = ticks.get(pid);
            if (t != null) {
                result.put(pid, t);
            }
        }
        return result;
    }

    /** CPU seconds between two readings of {@link #ticks}. */
    public static double seconds(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum / TICKS_PER_SECOND;
    }

    /** The process whose command line contains {@code marker} and no {@code --type=} (Chromium's browser process, not a child). */
    public static Optional<Long> findRoot(String marker) {
        Deque<Long> found = new ArrayDeque<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String command = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (command.contains(marker) && !command.contains("--type=")) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return found.stream().min(Long::compare);
    }
}
