package org.parley.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.parley.config.Config;

/** The database the server runs on, migrated to the latest schema when opened. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(Config config) {
        String url = config.dbUrl().orElseGet(() -> embeddedUrl(config.dataDir()));
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        config.dbUser().ifPresent(hikari::setUsername);
        config.dbPassword().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("parley-db");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } catch (RuntimeException unreachable) {
            throw new DatabaseException("cannot open the database " + redacted(url) + ": " + reason(unreachable), unreachable);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException migrationFailed) {
            dataSource.close();
            throw new DatabaseException("cannot migrate the database " + redacted(url) + ": " + reason(migrationFailed),
                    migrationFailed);
        }
        return new Database(dataSource);
    }

    /** A JDBC URL may carry a password as a parameter; it must not reach a log or a terminal. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The driver's own words (the first SQLException in the chain) say best what is wrong. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /**
     * H2 in PostgreSQL mode so one set of migrations serves both. WRITE_DELAY=0 writes each commit
     * to the file at once: a committed write survives a kill -9 of the server.
     */
    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("parley")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
