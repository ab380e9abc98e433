package org.parley.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's log file, with {@code java.util.logging} only, so the agent needs no logging library:
 * every record of every logger (ours, the protocol's, the JDK's) goes to the file, one line each
 * ({@code 2026-11-24T10:00:00.123Z INFO message}), and WARNING and above also to stderr. The file is
 * {@value #VARIABLE} if set, else {@code $XDG_STATE_HOME/parley-agent/agent.log}, else
 * {@code ~/.local/state/parley-agent/agent.log}; it is readable by its owner only and rotates at
 * {@value #LIMIT_BYTES} bytes, keeping {@value #KEPT} older files ({@code agent.log.1} is the newest).
 * Each line is flushed as it is written, so a log reader (an end-to-end test, {@code tail -f}) sees it at once.
 * <p>
 * Never log passwords, keys, machine tokens, tickets, pairing codes, support keys or chat text: the
 * file outlives the session and is handed to whoever diagnoses a problem. (A verification code is
 * no secret: both ends show it to be compared aloud.) Names from the network may be logged; line
 * breaks and other control characters in a message are escaped, so a name cannot forge a log line.
 */
public final class AgentLog {
    static final String VARIABLE = "PARLEY_AGENT_LOG";
    static final int LIMIT_BYTES = 5 * 1024 * 1024;
    static final int KEPT = 4;
    private static final Logger LOG = Logger.getLogger("org.parley.agent");
    private static List<Handler> replaced = List.of();
    private static List<Handler> ours = List.of();
    private static RotatingFile file;

    private AgentLog() {
    }

    /**
     * Logs to the default file (see the class comment) from now on; call once at startup.
     *
     * @throws UncheckedIOException if the file or its folder cannot be created
     */
    public static Path install() {
        return install(defaultPath(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    /** Logs to {@code logFile} from now on, replacing an earlier {@code install}; returns {@code logFile}. */
    public static Path install(Path logFile) {
        return install(logFile, LIMIT_BYTES, KEPT);
    }

    static synchronized Path install(Path logFile, int limitBytes, int kept) {
        RotatingFile opened = RotatingFile.open(logFile, limitBytes, kept);
        opened.setFormatter(new OneLine());
        Handler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new OneLine());
        uninstall();
        Logger root = Logger.getLogger("");
        replaced = List.of(root.getHandlers());
        replaced.forEach(root::removeHandler);
        ours = List.of(opened, console);
        ours.forEach(root::addHandler);
        root.setLevel(Level.INFO);
        file = opened;
        return logFile;
    }

    /** Puts back the handlers {@link #install} replaced and closes the file (tests start afresh with it). */
    static synchronized void uninstall() {
        Logger root = Logger.getLogger("");
        ours.forEach(handler -> {
            root.removeHandler(handler);
            handler.close();
        });
        replaced.forEach(root::addHandler);
        ours = List.of();
        replaced = List.of();
        file = null;
    }

    /** The file being written, or empty before {@link #install}. */
    public static synchronized Optional<Path> path() {
        return file == null ? Optional.empty() : Optional.of(file.path);
    }

    /** Logs what happened, for whoever reads the log later. */
    public static void info(String message) {
        LOG.info(message);
    }

    /** Logs something that went wrong and that the user may have noticed; it also goes to stderr. */
    public static void warn(String message) {
        LOG.warning(message);
    }

    /** Like {@link #warn(String)}, with the exception that caused it. */
    public static void warn(String message, Throwable cause) {
        LOG.log(Level.WARNING, message, cause);
    }

    /** The XDG base directory rule: a relative {@code XDG_STATE_HOME} is invalid and ignored. */
    static Path defaultPath(Map<String, String> env, Path home) {
        String explicit = env.getOrDefault(VARIABLE, "");
        if (!explicit.isBlank()) {
            return Path.of(explicit);
        }
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        Path base = !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state) : home.resolve(".local/state");
        return base.resolve("parley-agent").resolve("agent.log");
    }

    /** {@code <instant, UTC, milliseconds> <LEVEL> <message>[ — <exception> at <frame>]}, one line. */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128).append(TIME.format(record.getInstant())).append(' ')
                    .append(record.getLevel().getName()).append(' ');
            escape(formatMessage(record), line);
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(" — ");
                escape(thrown.toString(), line);
                if (thrown.getStackTrace().length > 0) {
                    line.append(" at ").append(thrown.getStackTrace()[0]);
                }
            }
            return line.append('\n').toString();
        }

        private static void escape(String text, StringBuilder line) {
            text.chars().forEach(c -> {
                switch (c) {
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\t' -> line.append("\\t");
                    default -> {
                        if (Character.isISOControl(c)) {
                            line.append(String.format("\\u%04x", c));
                        } else {
                            line.append((char) c);
                        }
                    }
                }
            });
        }
    }

    /**
     * Appends to {@code path}; before a line would take it past the limit, shifts {@code path.1} … to
     * {@code path.2} …, drops the oldest and starts {@code path} afresh. Unlike {@code FileHandler},
     * the current file keeps the configured name and no lock file is left behind.
     */
    private static final class RotatingFile extends Handler {
        private final Path path;
        private final int limitBytes;
        private final int kept;
        private OutputStream out;
        private long size;

        private RotatingFile(Path path, int limitBytes, int kept) throws IOException {
            this.path = path;
            this.limitBytes = limitBytes;
            this.kept = kept;
            reopen();
        }

        static RotatingFile open(Path path, int limitBytes, int kept) {
            try {
                Path folder = path.toAbsolutePath().getParent();
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder);
                }
                return new RotatingFile(path, limitBytes, kept);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the agent log " + path + " (set " + VARIABLE
                        + " to another file)", e);
            }
        }

        private void reopen() throws IOException {
            try {
                // owner only: names and machine details are nobody else's business on a shared computer
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
                // appending to an existing file; or not a POSIX file system, where the folder's rights apply
            }
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            size = Files.size(path);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (out == null || !isLoggable(record)) {
                return;
            }
            byte[] line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
            try {
                if (size > 0 && size + line.length > limitBytes) {
                    rotate();
                }
                out.write(line);
                out.flush();
                size += line.length;
            } catch (IOException e) {
                reportError("cannot write the agent log " + path, e, ErrorManager.WRITE_FAILURE);
            }
        }

        private void rotate() throws IOException {
            out.close();
            for (int n = kept - 1; n >= 1; n--) {
                Path older = sibling(n);
                if (Files.exists(older)) {
                    Files.move(older, sibling(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (kept > 0) {
                Files.move(path, sibling(1), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(path);
            }
            reopen();
        }

        private Path sibling(int generation) {
            return path.resolveSibling(path.getFileName() + "." + generation);
        }

        @Override
        public synchronized void flush() {
            try {
                if (out != null) {
                    out.flush();
                }
            } catch (IOException e) {
                reportError("cannot flush the agent log " + path, e, ErrorManager.FLUSH_FAILURE);
            }
        }

        @Override
        public synchronized void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                reportError("cannot close the agent log " + path, e, ErrorManager.CLOSE_FAILURE);
            } finally {
                out = null;
            }
        }
    }
}
