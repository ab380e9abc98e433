package org.parley.agent.consent;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.agent.desktop.ChildMain;

/**
 * Reads button places from the agent's log the way an end-to-end test does: lines such as
 * {@code consent prompt shown: question=view allow=x,y,w,h decline=x,y,w,h}.
 */
final class LoggedPlaces {
    private static final Pattern PLACE = Pattern.compile("(\\w+)=(-?\\d+),(-?\\d+),(\\d+),(\\d+)");

    private LoggedPlaces() {
    }

    /** Waits for the {@code number}-th line (from 1) that contains {@code what}. */
    static String awaitLine(Path log, String what, long number) throws InterruptedException {
        return ChildMain.awaitValue(Duration.ofSeconds(10), "log line " + number + " with \"" + what + "\"", () -> {
            List<String> lines = lines(log).stream().filter(l -> l.contains(what)).toList();
            return lines.size() >= number ? lines.get((int) number - 1) : null;
        });
    }

    /** How many lines contain {@code what}. */
    static long count(Path log, String what) {
        return lines(log).stream().filter(l -> l.contains(what)).count();
    }

    /** The {@code name=x,y,w,h} pairs of {@code line}, in order. */
    static Map<String, Rectangle> places(String line) {
        Map<String, Rectangle> places = new LinkedHashMap<>();
        Matcher matcher = PLACE.matcher(line);
        while (matcher.find()) {
            places.put(matcher.group(1), new Rectangle(Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5))));
        }
        return places;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
