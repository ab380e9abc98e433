package org.parley;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.config.Config;

/**
 * The real Parley server on a random loopback port, with a fresh database (H2 or PostgreSQL), a
 * fresh data folder and a real in-process SMTP server (GreenMail) that receives every mail.
 * Closing it stops the server and the SMTP server and drops the database.
 */
public final class TestServer implements AutoCloseable {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private final Path dataDir;
    private final TestDatabase database;
    private final GreenMail smtp;
    private final ParleyServer server;

    private TestServer(Path dataDir, TestDatabase database, GreenMail smtp, ParleyServer server) {
        this.dataDir = dataDir;
        this.database = database;
        this.smtp = smtp;
        this.server = server;
    }

    public static TestServer start() {
        return start(TestDatabase.Backend.H2, Map.of(), Clock.systemUTC());
    }

    public static TestServer start(TestDatabase.Backend backend) {
        return start(backend, Map.of(), Clock.systemUTC());
    }

    /** {@code extraEnv} overrides or adds PARLEY_* variables. */
    public static TestServer start(TestDatabase.Backend backend, Map<String, String> extraEnv, Clock clock) {
        Path dataDir = newDataDir();
        var database = TestDatabase.create(backend);
        var smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var env = new HashMap<String, String>();
            env.put("PARLEY_PORT", "0");
            env.put("PARLEY_BIND", "127.0.0.1");
            env.put("PARLEY_DATA_DIR", dataDir.toString());
            env.put("PARLEY_DB_URL", database.jdbcUrl());
            if (backend == TestDatabase.Backend.POSTGRESQL) {
                env.put("PARLEY_DB_USER", "postgres");
            }
            env.put("PARLEY_SMTP_HOST", "127.0.0.1");
            env.put("PARLEY_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("PARLEY_SMTP_FROM", "Parley <no-reply@parley.test>");
            env.putAll(extraEnv);
            env.values().removeIf(String::isEmpty);
            return new TestServer(dataDir, database, smtp, ParleyServer.start(Config.fromEnvironment(env), clock));
        } catch (RuntimeException startFailed) {
            smtp.stop();
            database.close();
            throw startFailed;
        }
    }

    /** A port free right now; GreenMail needs a fixed one, and a fixed constant would clash between test JVMs. */
    static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path newDataDir() {
        try {
            return Files.createTempDirectory("parley-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ParleyServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public TestDatabase database() {
        return database;
    }

    /** A new API client with its own cookie jar: one browser, as far as the server can tell. */
    public ApiClient client() {
        return new ApiClient(baseUrl());
    }

    public GreenMail smtp() {
        return smtp;
    }

    /** Every mail received so far. */
    public List<MimeMessage> mails() {
        return List.of(smtp.getReceivedMessages());
    }

    /** Waits (up to 10 s) for a mail to {@code address} whose subject contains {@code subjectPart}. */
    public MimeMessage awaitMail(String address, String subjectPart) {
        return awaitMail(m -> Mails.to(m).contains(address.toLowerCase(java.util.Locale.ROOT))
                && Mails.subject(m).contains(subjectPart), "a mail to " + address + " about \"" + subjectPart + "\"");
    }

    public MimeMessage awaitMail(Predicate<MimeMessage> wanted, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no " + what + " arrived within 10 s; received: "
                + mails().stream().map(m -> Mails.to(m) + " \"" + Mails.subject(m) + "\"").toList());
    }

    /** The first link in the mail's text whose path starts with {@code pathPrefix}, e.g. "/verify.html". */
    public static String link(MimeMessage mail, String pathPrefix) {
        Matcher m = LINK.matcher(Mails.text(mail));
        while (m.find()) {
            String url = m.group();
            if (java.net.URI.create(url).getPath().startsWith(pathPrefix)) {
                return url;
            }
        }
        throw new AssertionError("no link to " + pathPrefix + " in mail \"" + Mails.subject(mail) + "\":\n" + Mails.text(mail));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            smtp.stop();
            database.close();
            deleteRecursively(dataDir);
        }
    }

    public static void deleteRecursively(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless; the test's result is what matters
        }
    }
}
