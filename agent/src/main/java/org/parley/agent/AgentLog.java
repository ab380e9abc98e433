package org.parley.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The agent's log file, written by the JDK's own {@link FileHandler}: it rotates, flushes every record and
 * is already in every Java runtime, so the jar customers download carries no logging library. Every
 * record of every logger (ours, the protocol's, the JDK's) goes to the file, one line each
 * ({@code 2026-11-24T10:00:00.123Z INFO message}), and WARNING and above also to stderr. The file is
 * {@value #VARIABLE} if set, else {@code $XDG_STATE_HOME/parley-agent/agent.log}, else
 * {@code ~/.local/state/parley-agent/agent.log}; each line is flushed as it is written, so a log reader
 * (an end-to-end test, {@code tail -F}) sees it at once.
 * <p>
 * Names on disk are FileHandler's: it writes {@code agent.log.0}, and {@code agent.log} is a symbolic link
 * to it, so whoever reads {@code agent.log} reads the current file. Once {@code agent.log.0} reaches
 * {@value #LIMIT_BYTES} bytes (the line that reaches it stays in it) it becomes {@code agent.log.1}, the
 * newest of {@value #KEPT} older files. While the agent runs FileHandler holds the lock file
 * {@code agent.log.0.lck}, deleted when the log closes; a second agent started meanwhile on the same file
 * writes {@code agent.log.0.1} instead. The files are readable by their owner only, and a folder the agent
 * creates for them too.
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
    private static Path file;

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
        // closed first: FileHandler would not share the lock with an open handler and pick agent.log.0.1
        uninstall();
        Handler opened = PrivateFileHandler.open(logFile, limitBytes, kept);
        opened.setFormatter(new OneLine());
        Handler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new OneLine());
        Logger root = Logger.getLogger("");
        replaced = List.of(root.getHandlers());
        replaced.forEach(root::removeHandler);
        ours = List.of(opened, console);
        ours.forEach(root::addHandler);
        root.setLevel(Level.INFO);
        file = logFile;
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
        return Optional.ofNullable(file);
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
     * FileHandler on {@code logFile.0} with {@code logFile} linked to it, whose files are made owner-only:
     * names and machine details are nobody else's business on a shared computer, and FileHandler creates
     * files with the umask's rights.
     */
    private static final class PrivateFileHandler extends FileHandler {
        private static final String OWNER_ONLY = "rw-------";
        private final Path current;

        private PrivateFileHandler(Path logFile, int limitBytes, int kept) throws IOException {
            // without "%g" FileHandler appends ".0", ".1"… to the name; "%" is its escape character
            super(logFile.toString().replace("%", "%%"), limitBytes, kept + 1, true);
            current = current(logFile);
            setEncoding(StandardCharsets.UTF_8.name());
            restrict();
        }

        static Handler open(Path logFile, int limitBytes, int kept) {
            Path current = current(logFile);
            try {
                Path folder = logFile.toAbsolutePath().getParent();
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder.getParent());
                    unlessMadeAlready(() -> Files.createDirectory(folder, withRights(folder, "rwx------")));
                }
                if (Files.isRegularFile(logFile, LinkOption.NOFOLLOW_LINKS)) {
                    // written before the link, or created empty by whoever chose the name: FileHandler appends
                    // to it. The name never goes missing on the way — someone may be reading it (a test, tail):
                    // the file gets its second name first, then the link replaces the first name in one rename.
                    try {
                        Files.deleteIfExists(current);
                        Files.createLink(current, logFile);
                        Path link = logFile.resolveSibling(logFile.getFileName() + ".link");
                        Files.deleteIfExists(link);
                        Files.createSymbolicLink(link, current.getFileName());
                        Files.move(link, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (UnsupportedOperationException | IOException noLinks) {
                        // a file system without hard or symbolic links: the plain move, with its moment without the name
                        if (Files.isRegularFile(logFile, LinkOption.NOFOLLOW_LINKS)) {
                            Files.move(logFile, current, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                unlessMadeAlready(() -> Files.createFile(current, withRights(current, OWNER_ONLY)));
                if (!Files.isSymbolicLink(logFile)) {
                    unlessMadeAlready(() -> Files.createSymbolicLink(logFile, current.getFileName()));
                }
                return new PrivateFileHandler(logFile, limitBytes, kept);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the agent log " + logFile + " (set " + VARIABLE
                        + " to another file)", e);
            }
        }

        private static Path current(Path logFile) {
            return logFile.resolveSibling(logFile.getFileName() + ".0");
        }

        /** Owner-only {@code rights} where the file system has such rights, else none to give. */
        private static FileAttribute<?>[] withRights(Path path, String rights) {
            return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(rights))}
                    : new FileAttribute<?>[0];
        }

        private interface Creation {
            void run() throws IOException;
        }

        private static void unlessMadeAlready(Creation creation) throws IOException {
            try {
                creation.run();
            } catch (FileAlreadyExistsException e) {
                // by this agent on an earlier run, or by another agent starting at the same time
            }
        }

        /** FileHandler sets its stream once it has opened {@code logFile.0}: at start and after each rotation. */
        @Override
        protected void setOutputStream(OutputStream out) {
            if (current != null) { // null while FileHandler's constructor runs; the constructor restricts then
                restrict();
            }
            super.setOutputStream(out);
        }

        /** {@code logFile.0} owner-only, and {@code logFile.0.1}… that FileHandler writes while another agent has it. */
        private void restrict() {
            if (withRights(current, OWNER_ONLY).length == 0) {
                return;
            }
            Path each = current;
            for (int unique = 1; Files.exists(each, LinkOption.NOFOLLOW_LINKS); unique++) {
                try {
                    Files.setPosixFilePermissions(each, PosixFilePermissions.fromString(OWNER_ONLY));
                } catch (IOException e) {
                    reportError("cannot make the agent log " + each + " private", e, ErrorManager.OPEN_FAILURE);
                }
                each = current.resolveSibling(current.getFileName() + "." + unique);
            }
        }
    }
}
