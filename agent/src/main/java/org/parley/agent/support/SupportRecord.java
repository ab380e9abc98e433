package org.parley.agent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.parley.agent.consent.Answer;
import org.parley.agent.present.RemoteControl;
import org.parley.protocol.keys.KeyFingerprint;

/**
 * The customer's own record of a support session: who was allowed to see the screen or refused
 * (by name and key fingerprint, as the prompts showed them), who controlled it and when that
 * ended, pauses, lost connections, each request allowed or refused, and the files that moved.
 * The parts of the session tell it what happened as it happens; when the session ends the customer
 * reads it, and may save it, on this computer. It is never sent anywhere: the technician and the
 * server keep their own account, this one is the customer's.
 * <p>
 * Names and reasons come from the network, so the text form escapes what could forge a line or hide
 * itself: line breaks and other control characters, bidi overrides and other format characters
 * (as {@code \n}, {@code \u202E}); names are quoted, with {@code "} and {@code \} escaped.
 * Methods may be called from any thread.
 */
public final class SupportRecord {
    /** Said at the top of the text and in the window: the customer should know where it lives. */
    static final String TITLE = "Parley support session: what happened on this computer";
    static final String ONLY_HERE = "This record was kept on this computer only; nothing of it was sent anywhere.";
    private static final int MAX_QUOTED = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One thing that happened, and when. */
    record Entry(Instant at, String what) { }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private String about = "";

    public SupportRecord(Clock clock) {
        this.clock = clock;
    }

    /** The session began: joined {@code sessionId}, opened by {@code technician} of {@code organisation} (blank: none). */
    synchronized void started(String sessionId, String technician, String organisation) {
        about = "Support session " + plain(sessionId) + " opened by " + quoted(technician)
                + (organisation.isBlank() ? "" : " of " + quoted(organisation));
        add("session started");
    }

    synchronized void ended(String why) {
        add("session ended: " + plain(why));
    }

    /** The customer's answer about letting {@code name}'s key see the screen. */
    synchronized void viewer(String name, KeyFingerprint key, Answer answer) {
        add((answer.allowed() ? "allowed " : "refused ") + who(name, key) + " to see the screen" + refusal(answer));
    }

    /**
     * The customer's answer to a request of {@code what} (a {@link Consents.Request} kind: "control",
     * and whatever comes next) by {@code name}; {@code given} false with an allowing answer when the
     * session no longer let it be done ({@code why}).
     */
    synchronized void request(String what, String name, KeyFingerprint key, Answer answer, boolean given, String why) {
        String outcome = given ? "allowed" : answer.allowed() ? "allowed, but not given: " + plain(why) : "refused" + refusal(answer);
        add(plain(what) + " asked by " + who(name, key) + ": " + outcome);
    }

    synchronized void paused(boolean paused) {
        add(paused ? "viewing paused by the customer" : "viewing resumed by the customer");
    }

    synchronized void connectionLost() {
        add("connection to the server lost: nothing shown, no one in control, reconnecting");
    }

    synchronized void reconnected() {
        add("reconnected to the server");
    }

    /**
     * A file that moved, or did not, for the file-transfer part of the session to call once it is
     * over (done, refused by the customer, failed, cancelled).
     *
     * @param direction which way, in words the customer reads, e.g. "sent to the technician", "received from the technician"
     * @param name the file's name as the customer saw it (escaped and quoted here: it may come from the technician)
     * @param bytes how many bytes moved
     * @param outcome how it ended, e.g. "done", "refused by the customer", "failed: disk full"
     */
    public synchronized void file(String direction, String name, long bytes, String outcome) {
        add("file " + plain(direction) + ": " + quoted(name) + ", " + bytes + " bytes, " + plain(outcome));
    }

    /** {@code bar} as the session shows who controls the screen, each change also written here with its reason. */
    RemoteControl.Display showingOn(RemoteControl.Display bar) {
        return new RemoteControl.Display() {
            @Override
            public void controlledBy(String name) {
                control(quoted(name) + " controls the mouse and keyboard");
                bar.controlledBy(name);
            }

            @Override
            public void noController() {
                noController("");
            }

            @Override
            public void noController(String why) {
                control("control ended" + (why.isBlank() ? "" : ": " + plain(why)));
                bar.noController();
            }
        };
    }

    private synchronized void control(String what) {
        add(what);
    }

    /** The record as plain text, times in {@code zone}: what is printed, shown and saved. */
    public synchronized String text(ZoneId zone) {
        var text = new StringBuilder(TITLE).append('\n').append(ONLY_HERE).append('\n');
        if (!about.isEmpty()) {
            text.append(about).append('\n');
        }
        text.append("Times are local (").append(zone.getId()).append(").\n\n");
        for (Entry entry : entries) {
            text.append(TIME.format(entry.at().atZone(zone))).append("  ").append(entry.what()).append('\n');
        }
        return text.toString();
    }

    /** Where the window suggests saving: {@code ~/parley-support-<date the session started>.txt}. */
    public synchronized Path suggestedFile(Path home, ZoneId zone) {
        LocalDate day = entries.isEmpty() ? LocalDate.now(clock.withZone(zone)) : LocalDate.ofInstant(entries.getFirst().at(), zone);
        return home.resolve("parley-support-" + day + ".txt");
    }

    /** Writes the text to {@code file}, readable by its owner only (0600) where the file system has POSIX permissions. */
    public void save(Path file, ZoneId zone) throws IOException {
        byte[] bytes = text(zone).getBytes(StandardCharsets.UTF_8);
        if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
            // made 0600 before a byte is in it, and tightened if it existed with wider permissions
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void add(String what) {
        entries.add(new Entry(clock.instant(), what));
    }

    private static String who(String name, KeyFingerprint key) {
        return quoted(name) + " (key " + key.text() + ")";
    }

    private static String refusal(Answer answer) {
        return switch (answer) {
            case ALLOW -> "";
            case DECLINE -> " (declined)";
            case TIMED_OUT -> " (no answer in time)";
        };
    }

    /** {@code untrusted} in quotes, every character that could break or disguise a line escaped; long names cut. */
    static String quoted(String untrusted) {
        String text = untrusted == null ? "" : untrusted;
        var out = new StringBuilder("\"");
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < Math.min(codePoints.length, MAX_QUOTED); i++) {
            int c = codePoints[i];
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else {
                escape(out, c);
            }
        }
        return out.append(codePoints.length > MAX_QUOTED ? "…\"" : "\"").toString();
    }

    /** Text of ours with parts from elsewhere (a reason the server gave): control and format characters escaped. */
    static String plain(String text) {
        var out = new StringBuilder();
        (text == null ? "" : text).codePoints().forEach(c -> escape(out, c));
        return out.toString();
    }

    private static void escape(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                int type = Character.getType(c);
                if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                    out.append(c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\U%08X", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }
}
