package org.parley.bench.voice;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.ParleyServer;
import org.parley.bench.vnc.MeetingServer;
import org.parley.config.Config;

/**
 * The Parley server of the voice benchmark, in a JVM of its own so that its CPU (the relay's) is
 * read apart from the benchmark's: a fresh embedded database, on {@code 127.0.0.1}, the organizer
 * {@link #ORGANIZER} and {@code participants} invitees {@code voice-<i>@example.com}, all verified, and one
 * meeting the organizer holds with all of them invited. The first invitee registers through the
 * API (one real Argon2id hash); the others are copies of it in the database, so setting up 110
 * accounts costs two hashes. Prints {@code ready <port> <meeting id>}, then serves until its
 * standard input closes. {@code java -cp parley-bench.jar org.parley.bench.voice.VoiceServer <participants>}.
 */
public final class VoiceServer {
    static final String PASSWORD = "correct horse battery staple 12";
    static final String ORGANIZER = "olga@example.com";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private VoiceServer() {
    }

    static String participant(int i) {
        return "voice-" + i + "@example.com";
    }

    public static void main(String[] args) throws Exception {
        int participants = Integer.parseInt(args[0]);
        Path data = Files.createTempDirectory("parley-bench-voice-");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        ParleyServer server = ParleyServer.start(Config.fromEnvironment(Map.of("PARLEY_PORT", String.valueOf(port),
                "PARLEY_BIND", "127.0.0.1", "PARLEY_BASE_URL", base, "PARLEY_DATA_DIR", data.toString(),
                // every participant signs in "from its own address" (X-Forwarded-For): past the per-address limits
                "PARLEY_TRUST_PROXY", "true")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            delete(data);
        }));
        var organizer = new MeetingServer.Api(base, "127.0.2.1");
        organizer.post("/api/v1/accounts", account("Olga", ORGANIZER), 201);
        new MeetingServer.Api(base, "127.0.2.2").post("/api/v1/accounts", account("Voice0", participant(0)), 201);
        List<String> invitees = new ArrayList<>();
        server.database().jdbi().useTransaction(h -> {
            h.createUpdate("update accounts set email_verified = true").execute();
            String hash = h.createQuery("select password_hash from accounts where email = :e").bind("e", participant(0))
                    .mapTo(String.class).one();
            var batch = h.prepareBatch("insert into accounts (id, email, first_name, last_name, password_hash, email_verified, "
                    + "created_at, password_changed_at, newsletter, offers) values (:id, :email, :first, 'Bench', :hash, true, :now, "
                    + ":now, false, false)");
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 1; i < participants; i++) {
                batch.bind("id", UUID.randomUUID()).bind("email", participant(i)).bind("first", "Voice" + i).bind("hash", hash)
                        .bind("now", now).add();
            }
            if (participants > 1) {
                batch.execute();
            }
        });
        for (int i = 0; i < participants; i++) {
            invitees.add(participant(i));
        }
        organizer.post("/api/v1/session", "{\"email\":\"" + ORGANIZER + "\",\"password\":\"" + PASSWORD + "\",\"remember\":false}", 200);
        String created = organizer.post("/api/v1/meetings", "{\"kind\":\"meeting\",\"subject\":\"Voice bench\",\"invitees\":[\""
                + String.join("\",\"", invitees) + "\"]}", 201);
        Matcher m = ID.matcher(created);
        if (!m.find()) {
            throw new IOException("no meeting id in " + created);
        }
        System.out.println("ready " + port + " " + m.group(1));
        System.out.flush();
        while (System.in.read() != -1) { // serves until the benchmark closes our input
            Thread.onSpinWait();
        }
        System.exit(0);
    }

    private static String account(String first, String email) {
        return "{\"firstName\":\"" + first + "\",\"lastName\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind
        }
    }
}
