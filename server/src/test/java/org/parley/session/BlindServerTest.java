package org.parley.session;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ApiClient;
import org.parley.Mails;
import org.parley.ServerProcess;
import org.parley.TestServer;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.InvitationSecret;

/**
 * The server never sees what is said in a session. It runs as its own process, the test reaches
 * it only through a recording TCP proxy, three people chat and send binary content carrying secret
 * markers, and then the markers are looked for in every byte on the wire, the server's log, every
 * cell of its database and a dump of its heap. A control — the meeting's subject, which the server
 * does keep — must be found in the same places, so the search cannot pass by finding nothing.
 */
class BlindServerTest {
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    private static final int CONTENT_KIND = 0x10;
    @TempDir
    Path dataDir;
    @TempDir
    Path dumps;
    private ServerProcess server;
    private RecordingProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noMarkerSaidInTheSessionReachesTheWireTheLogTheDatabaseOrTheHeap() throws Exception {
        String run = HexFormat.of().formatHex(randomBytes(12));
        var chatMarker = new Needles("MARKER-chat-" + run);
        var dataMarker = new Needles("MARKER-data-" + run);
        var subject = new Needles("CONTROL-subject-" + run);

        server = ServerProcess.startWithProductionLogging(Map.of("PARLEY_PORT", "0", "PARLEY_DATA_DIR", dataDir.toString()));
        proxy = new RecordingProxy(server.awaitPort(START_WITHIN));
        String base = "http://127.0.0.1:" + proxy.port();
        ApiClient olga = signedUp(base, "Olga", "olga@example.com");
        ApiClient ivan = signedUp(base, "Ivan", "ivan@example.com");
        ApiClient berta = signedUp(base, "Berta", "berta@example.com");
        String meetingId = olga.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", subject.secret(),
                "invitees", List.of("ivan@example.com", "berta@example.com"))).json().path("id").asText();

        var k = InvitationSecret.random(new SecureRandom());
        byte[] content = binaryContent(dataMarker.secret());
        List<String> publicKeys = new ArrayList<>();
        try (var organizer = Person.join(base, meetingId, olga, k, "organizer");
             var a = Person.join(base, meetingId, ivan, k, "A");
             var b = Person.join(base, meetingId, berta, k, "B")) {
            List<Person> all = List.of(organizer, a, b);
            for (Person p : all) {
                p.awaitMembers(all.stream().map(Person::id).toList(), 2);
                publicKeys.add(Base64.getUrlEncoder().withoutPadding().encodeToString(
                        p.client().participants().stream().filter(x -> x.id() == p.id()).findFirst().orElseThrow().publicKey()));
            }
            for (Person sender : all) {
                sender.client().sendChat("Said by " + sender.id() + ": " + chatMarker.secret());
                sender.client().sendContent(CONTENT_KIND, content, 0);
            }
            for (Person receiver : all) {
                receiver.events().awaitCount(SessionEvent.ContentReceived.class, 2, "binary content");
                receiver.events().awaitCount(SessionEvent.ChatReceived.class, 2, "chat");
                assertThat(receiver.events().chatTexts()).allMatch(t -> t.contains(chatMarker.secret()));
                assertThat(receiver.events().all(SessionEvent.ContentReceived.class))
                        .allMatch(c -> c.kind() == CONTENT_KIND && java.util.Arrays.equals(c.body(), content));
            }
            // while everyone is still connected: what the server process holds in memory right now
            String heap = heapDump();
            assertThat(subject.foundIn(heap)).as("control: the subject is in the heap").isNotEmpty();
            assertThat(chatMarker.foundIn(heap)).as("chat marker in the server's heap").isEmpty();
            assertThat(dataMarker.foundIn(heap)).as("content marker in the server's heap").isEmpty();
        }

        server.terminate(); // SIGTERM: the shutdown hook closes the database cleanly
        String traffic = traffic();
        assertThat(subject.foundIn(traffic)).as("control: the subject crossed the wire").isNotEmpty();
        assertThat(publicKeys).as("control: the unmasked JOINs are searched").allMatch(traffic::contains);
        assertThat(chatMarker.foundIn(traffic)).as("chat marker on the wire").isEmpty();
        assertThat(dataMarker.foundIn(traffic)).as("content marker on the wire").isEmpty();

        String log = server.output();
        assertThat(log).as("control: the log is captured").contains("relay join");
        assertThat(chatMarker.foundIn(log)).as("chat marker in the log").isEmpty();
        assertThat(dataMarker.foundIn(log)).as("content marker in the log").isEmpty();

        String database = databaseDump() + Needles.bytesAsText(databaseFiles());
        assertThat(subject.foundIn(database)).as("control: the subject is in the database").isNotEmpty();
        assertThat(chatMarker.foundIn(database)).as("chat marker in the database").isEmpty();
        assertThat(dataMarker.foundIn(database)).as("content marker in the database").isEmpty();
    }

    /** Binary content with the marker as UTF-8, UTF-16 and base64, between random bytes. */
    private static byte[] binaryContent(String marker) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(randomBytes(17));
        out.writeBytes(marker.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(randomBytes(5));
        out.writeBytes(marker.getBytes(StandardCharsets.UTF_16LE));
        out.writeBytes(Base64.getEncoder().encode(marker.getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(randomBytes(9));
        return out.toByteArray();
    }

    private String traffic() {
        var all = new StringBuilder();
        for (var c : proxy.connections()) {
            byte[] down = c.downBytes();
            assertThat(Needles.bytesAsText(down)).as("no compression would hide plaintext").doesNotContainIgnoringCase("permessage-deflate");
            all.append(Needles.bytesAsText(c.upBytes())).append('\0').append(Needles.bytesAsText(down)).append('\0')
                    .append(Needles.bytesAsText(WebSocketFrames.clientPayloads(c.upBytes()))).append('\0');
        }
        return all.toString();
    }

    private String heapDump() throws IOException, InterruptedException {
        Path dump = dumps.resolve("server.hprof");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        // -all: unreachable objects too, so a plaintext the server made and dropped is still found
        var process = new ProcessBuilder(jcmd, Long.toString(server.pid()), "GC.heap_dump", "-all", dump.toString())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("jcmd finished").isTrue();
        assertThat(process.exitValue()).as("jcmd: " + said).isZero();
        assertThat(dump).as("jcmd: " + said).exists();
        return Needles.bytesAsText(Files.readAllBytes(dump));
    }

    /** Every cell of every table, strings as UTF-8 and binary columns as they are. */
    private String databaseDump() throws SQLException {
        var out = new ByteArrayOutputStream();
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        int cells = 0;
        try (var db = DriverManager.getConnection(url, "", "")) {
            List<String> tables = new ArrayList<>();
            try (var rs = db.createStatement().executeQuery("SELECT table_schema, table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema <> 'information_schema'")) {
                while (rs.next()) {
                    tables.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            assertThat(tables).as("tables found").hasSizeGreaterThan(3);
            for (String table : tables) {
                try (ResultSet rows = db.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            out.writeBytes(value instanceof byte[] raw ? raw
                                    : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
                            out.write(0);
                            cells++;
                        }
                    }
                }
            }
        }
        assertThat(cells).as("cells dumped").isGreaterThan(10);
        return Needles.bytesAsText(out.toByteArray());
    }

    /** The database's files as raw bytes, in case something sits in a page no table shows. */
    private byte[] databaseFiles() throws IOException {
        var out = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("parley.")).toList()) {
                out.writeBytes(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }

    private ApiClient signedUp(String base, String firstName, String email) {
        var client = new ApiClient(base);
        assertThat(client.post("/api/v1/accounts", Map.of("firstName", firstName, "lastName", "Tester", "email", email,
                "password", Accounts.PASSWORD)).status()).isEqualTo(201);
        String link = TestServer.link(awaitMail(email), "/verify.html");
        String token = URI.create(link).getQuery().replaceFirst("^.*token=", "");
        assertThat(client.post("/api/v1/accounts/verify", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(client.signIn(email, Accounts.PASSWORD).status()).isEqualTo(200);
        return client;
    }

    private MimeMessage awaitMail(String to) {
        long deadline = System.nanoTime() + Recorder.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : outbox()) {
                if (Mails.to(mail).contains(to) && Mails.subject(mail).contains("Confirm your email")) {
                    return mail;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no confirmation mail to " + to + " in " + dataDir.resolve("outbox"));
    }

    private List<MimeMessage> outbox() {
        Path folder = dataDir.resolve("outbox");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).map(BlindServerTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeMessage read(Path eml) {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(eml + " is not a mail", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
