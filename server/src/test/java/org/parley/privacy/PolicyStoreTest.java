package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.TestServer;

/**
 * Policy versions and acceptances on H2 and PostgreSQL. Each test gets a fresh server: the
 * policies table is global, and a published version changes what every other test would see.
 */
class PolicyStoreTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theMigrationsPublishVersionOneThenTwoWhichNamesEverythingStoredThenThreeWithTheOperatorsView(Backend backend) {
        try (var server = TestServer.start(backend)) {
            var store = new PolicyStore(jdbi(server));

            Policy current = store.current(NOW);
            Policy second = store.current(Instant.parse("2026-12-07T06:00:00Z"));
            Policy first = store.current(Instant.parse("2026-06-01T00:00:00Z"));

            assertThat(current.version()).isEqualTo(3);
            assertThat(current.material()).as("no new kind of data about a person, the same retention").isFalse();
            assertThat(current.effectiveAt()).isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
            assertThat(current.text()).startsWith("Parley privacy policy, version 3").contains("end-to-end encrypted")
                    .contains("the operator of this server disabled your account")
                    .contains("to the server's database for the operator's page")
                    .contains("the voices you hear and the cameras you see").contains("how many of them were lost");
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.material()).as("it names what was stored all along; nothing new is stored").isFalse();
            assertThat(second.effectiveAt()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
            assertThat(second.text()).startsWith("Parley privacy policy, version 2").doesNotContain("disabled");
            assertThat(first.version()).isEqualTo(1);
            assertThat(first.effectiveAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(first.text()).startsWith("Parley privacy policy, version 1");
            assertThat(store.upcoming(NOW)).isEmpty();
            assertThat(store.nextVersion()).isEqualTo(4);
            assertThat(store.exists(3)).isTrue();
            assertThat(store.exists(4)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPublishedVersionIsUpcomingUntilItTakesEffect(Backend backend) {
        try (var server = TestServer.start(backend)) {
            var store = new PolicyStore(jdbi(server));
            Instant effective = NOW.plus(Duration.ofDays(30));
            var v4 = new Policy(4, effective, NOW, true, "version 4 " + "ä".repeat(100_000));

            store.insert(v4);

            assertThat(store.current(NOW).version()).isEqualTo(3);
            assertThat(store.upcoming(NOW)).contains(v4);
            assertThat(store.current(effective)).isEqualTo(v4);
            assertThat(store.upcoming(effective)).isEmpty();
            assertThat(store.nextVersion()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void onlyOlderAccountsMustAcceptAMaterialVersionAndOnlyOnce(Backend backend) {
        try (var server = TestServer.start(backend)) {
            Jdbi jdbi = jdbi(server);
            var store = new PolicyStore(jdbi);
            Instant effective = NOW.plus(Duration.ofDays(30));
            UUID older = account(jdbi, NOW);
            UUID newer = account(jdbi, effective.plusSeconds(1));
            store.insert(new Policy(4, effective, NOW, true, "material change"));
            store.insert(new Policy(5, effective.plusSeconds(10), NOW, false, "typo fixed"));

            assertThat(store.versionToAccept(older, NOW)).as("before it takes effect").isEmpty();
            assertThat(store.versionToAccept(older, effective.plusSeconds(20))).contains(4);
            assertThat(store.versionToAccept(newer, effective.plusSeconds(20))).as("created after it took effect").isEmpty();
            assertThat(store.versionToAccept(UUID.randomUUID(), effective.plusSeconds(20))).isEmpty();

            store.accept(older, 4, effective.plusSeconds(30));
            store.accept(older, 4, effective.plusSeconds(40));

            assertThat(store.versionToAccept(older, effective.plusSeconds(50))).isEmpty();
            List<Timestamp> acceptances = jdbi.withHandle(h -> h.createQuery(
                    "select accepted_at from policy_acceptances where account_id = :id").bind("id", older).mapTo(Timestamp.class).list());
            assertThat(acceptances).extracting(Timestamp::toInstant).containsExactly(effective.plusSeconds(30));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyAccountsAddressIsListedOldestFirst(Backend backend) {
        try (var server = TestServer.start(backend)) {
            Jdbi jdbi = jdbi(server);
            UUID second = account(jdbi, NOW);
            UUID first = account(jdbi, NOW.minusSeconds(60));

            assertThat(new PolicyStore(jdbi).addressesOfAllAccounts()).containsExactly(first + "@example.com", second + "@example.com");
        }
    }

    private static Jdbi jdbi(TestServer server) {
        return server.server().database().jdbi();
    }

    /** An account row as the privacy feature sees it; the account feature's own store is not reachable from here. */
    private static UUID account(Jdbi jdbi, Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("insert into accounts (id, email, first_name, last_name, password_hash, created_at, "
                        + "password_changed_at) values (:id, :email, 'P', 'Q', 'x', :at, :at)")
                .bind("id", id).bind("email", id + "@example.com").bind("at", Timestamp.from(createdAt)).execute());
        return id;
    }
}
