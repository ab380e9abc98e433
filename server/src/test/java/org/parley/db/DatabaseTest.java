package org.parley.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase;
import org.parley.TestDatabase.Backend;
import org.parley.config.Config;

/** Opening the database: every migration applies cleanly on H2 and PostgreSQL, once, and failures say why. */
class DatabaseTest {
    @TempDir
    Path dataDir;

    record Applied(String version, String script, int checksum, Timestamp installedOn) {
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyMigrationAppliesOnceAndASecondStartKeepsTheSchemaAndTheData(Backend backend) {
        try (var testDatabase = TestDatabase.create(backend)) {
            Config config = config(testDatabase);
            List<Applied> firstHistory;
            try (var database = Database.open(config)) {
                MigrationInfo[] all = flyway(database).info().all();
                assertThat(all).isNotEmpty().allSatisfy(m -> assertThat(m.getState()).as(m.getScript()).isEqualTo(MigrationState.SUCCESS));
                assertThat(all[0].getVersion().getVersion()).isEqualTo("1");
                firstHistory = history(database);
                assertThat(firstHistory).hasSize(all.length);
                database.jdbi().useHandle(h -> h.execute("insert into server_secrets (name, secret) values ('kept', 'across restarts')"));
            }

            try (var database = Database.open(config)) {
                assertThat(history(database)).as("nothing re-applied or re-recorded").isEqualTo(firstHistory);
                assertThat(flyway(database).info().pending()).isEmpty();
                assertThat(single(database, "select secret from server_secrets where name = 'kept'")).isEqualTo("across restarts");
                assertThat(single(database, "select count(*) from policies where version = 1"))
                        .as("V1's seed row is not inserted twice").isEqualTo("1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPolicyVersionTheOperatorPublishedBeforeTheUpgradeStaysInForce(Backend backend) throws SQLException {
        try (var testDatabase = TestDatabase.create(backend)) {
            boolean h2 = backend == Backend.H2;
            String url = h2 ? Database.embeddedUrl(dataDir) : testDatabase.jdbcUrl();
            String user = h2 ? "" : "postgres";
            // the schema of the release before V9, with a version 2 of the operator's own
            Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("8").load().migrate();
            try (var connection = DriverManager.getConnection(url, user, ""); var statement = connection.createStatement()) {
                statement.execute("insert into policies (version, effective_at, published_at, material, body) values (2, "
                        + "timestamp with time zone '2026-03-01 00:00:00+00', timestamp with time zone '2026-02-01 00:00:00+00', "
                        + "true, 'Our own policy')");
            }

            try (var database = Database.open(config(testDatabase))) {
                assertThat(flyway(database).info().pending()).isEmpty();
                assertThat(single(database, "select body from policies where version = 2")).isEqualTo("Our own policy");
                assertThat(single(database, "select count(*) from policies")).isEqualTo("2");
            }
        }
    }

    @Test
    void theEmbeddedDatabaseIsAFileInTheDataFolderThatSurvivesKillMinusNine() {
        String url = Database.embeddedUrl(dataDir);

        assertThat(url).startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("parley"))
                .contains(";MODE=PostgreSQL").contains(";WRITE_DELAY=0");
        try (var database = Database.open(Config.fromEnvironment(Map.of("PARLEY_DATA_DIR", dataDir.toString())))) {
            assertThat(Files.exists(dataDir.resolve("parley.mv.db"))).isTrue();
            assertThat(single(database, "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void anUnreachablePostgresqlGivesAMessageWithTheUrlAndTheReasonButNotThePassword() {
        var config = Config.fromEnvironment(Map.of("PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:1/parley?connectTimeout=2&password=hunter2",
                "PARLEY_DB_USER", "parley", "PARLEY_DB_PASSWORD", "hunter3"));

        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot open the database jdbc:postgresql://127.0.0.1:1/parley?connectTimeout=2&password=***: ")
                .hasMessageContaining("Connection to 127.0.0.1:1 refused")
                .message().doesNotContain("hunter");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedMigrationNamesTheDatabaseAndTheFailure(Backend backend) {
        try (var testDatabase = TestDatabase.create(backend)) {
            Config config = config(testDatabase);
            try (var database = Database.open(config)) {
                // a migration edited after it was applied: Flyway must refuse, not start on an unknown schema
                database.jdbi().useHandle(h -> h.execute("update flyway_schema_history set checksum = 42 where version = '1'"));
            }

            assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseException.class)
                    .hasMessageStartingWith("cannot migrate the database jdbc:")
                    .hasMessageContaining("checksum mismatch");
        }
    }

    private Config config(TestDatabase testDatabase) {
        var env = new HashMap<String, String>();
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_DB_URL", testDatabase.jdbcUrl());
        if (testDatabase.backend() == Backend.POSTGRESQL) {
            env.put("PARLEY_DB_USER", "postgres");
        }
        return Config.fromEnvironment(env);
    }

    private static String single(Database database, String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static Flyway flyway(Database database) {
        return Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load();
    }

    private static List<Applied> history(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("select \"version\", script, checksum, installed_on "
                        + "from flyway_schema_history where \"version\" is not null order by installed_rank")
                .map((rs, ctx) -> new Applied(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4))).list());
    }
}
