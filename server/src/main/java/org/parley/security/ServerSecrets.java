package org.parley.security;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Random server-wide keys kept in the database, so every node of a cluster signs and checks
 * with the same key. Made on first use. When two nodes make one at the same moment, the primary
 * key lets one insert win; the other reads the winner's key, so all nodes end up with the same.
 */
public final class ServerSecrets {
    private static final String UNIQUE_VIOLATION = "23505";
    private final Jdbi jdbi;

    public ServerSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public byte[] key(String name) {
        Optional<byte[]> existing = stored(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            jdbi.useHandle(h -> h.createUpdate("insert into server_secrets (name, secret) values (:name, :secret)")
                    .bind("name", name).bind("secret", Base64.getEncoder().encodeToString(fresh)).execute());
            return fresh;
        } catch (UnableToExecuteStatementException e) {
            if (!lostTheRace(e)) {
                throw e;
            }
            return stored(name).orElseThrow(() -> e);
        }
    }

    private Optional<byte[]> stored(String name) {
        return jdbi.withHandle(h -> h.createQuery("select secret from server_secrets where name = :name").bind("name", name)
                .mapTo(String.class).findOne()).map(Base64.getDecoder()::decode);
    }

    private static boolean lostTheRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
