package org.parley;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test server: an H2 file under the test's data folder, or a
 * throw-away PostgreSQL database on 127.0.0.1:5432 that is dropped again on close. Where no
 * PostgreSQL answers, PostgreSQL tests are skipped with the reason printed.
 */
public final class TestDatabase implements AutoCloseable {
    static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=3";
    private final Backend backend;
    private final String name;

    public enum Backend { H2, POSTGRESQL }

    private TestDatabase(Backend backend, String name) {
        this.backend = backend;
        this.name = name;
    }

    public static TestDatabase create(Backend backend) {
        if (backend == Backend.H2) {
            return new TestDatabase(backend, "");
        }
        assumePostgresAvailable();
        String name = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("create database " + name);
        return new TestDatabase(backend, name);
    }

    /** Skips the calling test (with the reason printed) when no PostgreSQL answers on 127.0.0.1:5432. */
    public static void assumePostgresAvailable() {
        String reason = postgresUnavailableReason();
        if (reason != null) {
            System.out.println("SKIPPED PostgreSQL test: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    private static String postgresUnavailableReason() {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "")) {
            return c.isValid(3) ? null : "PostgreSQL on 127.0.0.1:5432 does not answer";
        } catch (SQLException e) {
            return "no PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth): " + e.getMessage();
        }
    }

    public Backend backend() {
        return backend;
    }

    /** The PARLEY_DB_URL for this database, or empty for the embedded default. */
    public String jdbcUrl() {
        return backend == Backend.H2 ? "" : "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    @Override
    public void close() {
        if (backend == Backend.POSTGRESQL) {
            execute("drop database if exists " + name + " with (force)");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "");
             var statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed", e);
        }
    }
}
