package org.parley.bench;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * N verified accounts with one password. The first registers through the API (the real
 * Argon2id hash); the rest are copied from it in the database, so setting up costs one hash,
 * not N, and the sign-in phase measures sign-in alone.
 */
final class BenchAccounts {
    static final String PASSWORD = "correct horse battery staple 91";

    private BenchAccounts() {
    }

    static List<String> create(BenchClient client, Jdbi jdbi, int count) throws IOException, InterruptedException {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emails.add("bench-" + i + "@example.com");
        }
        var registered = client.postJson("/api/v1/accounts", "{\"firstName\":\"Bench\",\"lastName\":\"User\",\"email\":\""
                + emails.getFirst() + "\",\"password\":\"" + PASSWORD + "\"}");
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + registered.statusCode() + ": " + registered.body());
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("update accounts set email_verified = true where email = :e").bind("e", emails.getFirst()).execute();
            String hash = h.createQuery("select password_hash from accounts where email = :e").bind("e", emails.getFirst())
                    .mapTo(String.class).one();
            var batch = h.prepareBatch("insert into accounts (id, email, first_name, last_name, password_hash, email_verified, "
                    + "created_at, password_changed_at, newsletter, offers) values (:id, :email, 'Bench', 'User', :hash, true, :now, :now, "
                    + "false, false)");
            Timestamp now = Timestamp.from(Instant.now());
            for (String email : emails.subList(1, emails.size())) {
                batch.bind("id", UUID.randomUUID()).bind("email", email).bind("hash", hash).bind("now", now).add();
            }
            if (emails.size() > 1) {
                batch.execute();
            }
        });
        int verified = jdbi.withHandle(h -> h.createQuery("select count(*) from accounts where email_verified").mapTo(Integer.class).one());
        if (verified != count) {
            throw new IllegalStateException(verified + " verified accounts, expected " + count);
        }
        return emails;
    }
}
