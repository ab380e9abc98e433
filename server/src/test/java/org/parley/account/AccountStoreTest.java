package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.db.BackendServers;
import org.parley.mail.MailCategory;
import org.parley.web.ClientInfo;

/** The accounts table's SQL on H2 and PostgreSQL, through the real server's Jdbi. Also the fixtures of this package's store tests. */
class AccountStoreTest {
    static final ClientInfo CLIENT = new ClientInfo("203.0.113.7", "store-test");
    @RegisterExtension
    static final BackendServers servers = new BackendServers();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInsertedAccountReadsBackFieldForField(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account ada = newAccount("Ada", now());
        boolean inserted = jdbi.inTransaction(h -> store.insert(h, ada, "$argon2id$ada"));

        assertThat(inserted).isTrue();

        assertThat(store.find(ada.id())).contains(ada);
        assertThat(store.idOf(ada.email())).contains(ada.id());
        assertThat(store.credentials(ada.email())).contains(new AccountStore.Credentials(ada, "$argon2id$ada", false));
        assertThat(store.passwordHash(ada.id())).contains("$argon2id$ada");
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecondAccountWithTheSameEmailIsRefusedAndWritesNothing(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account first = stored(jdbi, "Grace", now());
        var twin = new Account(UUID.randomUUID(), EmailAddress.parse(first.email().value().toUpperCase(java.util.Locale.ROOT)),
                "Other", "Person", false, Optional.empty(), now(), now(), Preferences.NONE);
        boolean inserted = jdbi.inTransaction(h -> store.insert(h, twin, "$argon2id$twin"));

        assertThat(inserted).isFalse();

        assertThat(store.find(twin.id())).isEmpty();
        assertThat(store.credentials(first.email()).orElseThrow().passwordHash()).isEqualTo("$argon2id$fixture");
        assertThat(emailTaken(jdbi, first.email())).isTrue();
        assertThat(emailTaken(jdbi, new EmailAddress("nobody-" + UUID.randomUUID() + "@example.com"))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void profileEmailAndPasswordChangesAreStored(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account a = stored(jdbi, "Alan", now());
        var newEmail = new EmailAddress("moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        Instant later = a.createdAt().plus(3, ChronoUnit.DAYS);

        jdbi.useTransaction(h -> {
            store.updateNames(h, a.id(), "Alan M.", "Turing");
            store.setPendingEmail(h, a.id(), newEmail);
        });
        assertThat(store.find(a.id()).orElseThrow()).satisfies(found -> {
            assertThat(found.fullName()).isEqualTo("Alan M. Turing");
            assertThat(found.email()).isEqualTo(a.email());
            assertThat(found.pendingEmail()).contains(newEmail);
        });

        jdbi.useTransaction(h -> {
            store.applyEmail(h, a.id(), newEmail);
            store.setPasswordHash(h, a.id(), "$argon2id$new", later);
        });
        Account after = store.find(a.id()).orElseThrow();
        assertThat(after.email()).isEqualTo(newEmail);
        assertThat(after.pendingEmail()).isEmpty();
        assertThat(after.emailVerified()).isTrue();
        assertThat(after.passwordChangedAt()).isEqualTo(later);
        assertThat(after.createdAt()).isEqualTo(a.createdAt());
        assertThat(store.passwordHash(a.id())).contains("$argon2id$new");
        assertThat(store.idOf(a.email())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void marketingMailGoesOnlyToVerifiedAccountsThatOptedIn(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account reader = stored(jdbi, "Reader", now());
        Account unverified = stored(jdbi, "Unverified", now());
        Account quiet = stored(jdbi, "Quiet", now());
        jdbi.useTransaction(h -> {
            store.markVerified(h, reader.id());
            store.markVerified(h, quiet.id());
        });
        store.setPreferences(reader.id(), new Preferences(true, false));
        store.setPreferences(unverified.id(), new Preferences(true, true));

        assertThat(store.find(reader.id()).orElseThrow().preferences()).isEqualTo(new Preferences(true, false));
        assertThat(store.allowsMarketing(reader.email().value().toUpperCase(java.util.Locale.ROOT), MailCategory.NEWSLETTER)).isTrue();
        assertThat(store.allowsMarketing(reader.email().value(), MailCategory.OFFERS)).isFalse();
        assertThat(store.allowsMarketing(unverified.email().value(), MailCategory.NEWSLETTER)).isFalse();
        assertThat(store.allowsMarketing(quiet.email().value(), MailCategory.NEWSLETTER)).isFalse();
        assertThat(store.allowsMarketing(quiet.email().value(), MailCategory.TRANSACTIONAL)).isTrue();
        assertThat(store.allowsMarketing("stranger@example.com", MailCategory.TRANSACTIONAL)).isFalse();
        assertThat(store.marketingAudience(MailCategory.NEWSLETTER)).contains(reader.email().value())
                .doesNotContain(unverified.email().value(), quiet.email().value()).isSorted();
        assertThat(store.marketingAudience(MailCategory.OFFERS)).doesNotContain(reader.email().value());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unsubscribeTurnsOffOnlyWhatItIsAskedTo(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account a = stored(jdbi, "Both", now());
        store.setPreferences(a.id(), new Preferences(true, true));

        assertThat(store.unsubscribe(a.email(), new Preferences(true, false))).isTrue();
        assertThat(store.find(a.id()).orElseThrow().preferences()).isEqualTo(new Preferences(true, false));
        assertThat(store.unsubscribe(a.email(), Preferences.NONE)).isTrue();
        assertThat(store.find(a.id()).orElseThrow().preferences()).isEqualTo(Preferences.NONE);
        assertThat(store.unsubscribe(new EmailAddress("nobody-" + UUID.randomUUID() + "@example.com"), Preferences.NONE)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletingAnAccountErasesEveryRowThatRefersToIt(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new AccountStore(jdbi);
        Account gone = stored(jdbi, "Gone", now());
        Account stays = stored(jdbi, "Stays", now());
        for (Account a : new Account[] {gone, stays}) {
            jdbi.useTransaction(h -> {
                new SignInStore(jdbi).start(h, a.id(), false, CLIENT, now());
                new TokenStore().issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), now());
                new SecurityHistory(jdbi).record(h, a.id(), SecurityEventType.SIGN_IN, CLIENT, now());
                h.createUpdate("insert into policy_acceptances (account_id, version, accepted_at) values (:id, 1, current_timestamp)")
                        .bind("id", a.id()).execute();
            });
        }

        jdbi.useTransaction(h -> store.delete(h, gone.id()));

        assertThat(store.find(gone.id())).isEmpty();
        for (String table : new String[] {"sessions", "account_tokens", "security_events", "policy_acceptances"}) {
            assertThat(count(jdbi, table, gone.id())).as(table + " of the deleted account").isZero();
            assertThat(count(jdbi, table, stays.id())).as(table + " of another account").isEqualTo(1);
        }
    }

    private static boolean emailTaken(Jdbi jdbi, EmailAddress email) {
        return jdbi.withHandle(h -> new AccountStore(jdbi).emailTaken(h, email));
    }

    /** A moment both databases store exactly (they keep microseconds; we keep milliseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static Account newAccount(String firstName, Instant createdAt) {
        String local = firstName.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Account(UUID.randomUUID(), new EmailAddress(local + "@example.com"), firstName, "Tester", false,
                Optional.empty(), createdAt, createdAt, Preferences.NONE);
    }

    /** A new account, inserted through the store, with password hash "$argon2id$fixture". */
    static Account stored(Jdbi jdbi, String firstName, Instant createdAt) {
        Account account = newAccount(firstName, createdAt);
        var store = new AccountStore(jdbi);
        if (!jdbi.inTransaction(h -> store.insert(h, account, "$argon2id$fixture"))) {
            throw new AssertionError("fixture email taken: " + account.email());
        }
        return account;
    }

    static int count(Jdbi jdbi, String table, UUID accountId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from " + table + " where account_id = :id")
                .bind("id", accountId).mapTo(Integer.class).one());
    }
}
