package org.parley.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * Random server-wide keys kept in the database, so every node of a cluster signs and checks
 * with the same key. Made on first use; a race between two nodes keeps the first one written.
 */
public final class ServerSecrets {
    private final Jdbi jdbi;

    public ServerSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public byte[] key(String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        return jdbi.inTransaction(h -> {
            var existing = h.createQuery("select secret from server_secrets where name = :name").bind("name", name)
                    .mapTo(String.class).findOne();
            if (existing.isPresent()) {
                return Base64.getDecoder().decode(existing.get());
            }
            h.createUpdate("insert into server_secrets (name, secret) values (:name, :secret)")
                    .bind("name", name).bind("secret", encoded).execute();
            return fresh;
        });
    }
}
