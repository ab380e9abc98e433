package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountStoreTest.CLIENT;
import static org.parley.account.AccountStoreTest.count;
import static org.parley.account.AccountStoreTest.now;
import static org.parley.account.AccountStoreTest.stored;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.db.BackendServers;
import org.parley.security.SecretToken;
import org.parley.web.ClientInfo;

/** The sessions table's SQL on H2 and PostgreSQL: lifetimes, the once-a-minute touch, and ending sessions. */
class SignInStoreTest {
    @RegisterExtension
    static final BackendServers servers = new BackendServers();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSessionIsFoundByItsTokenAndStoresOnlyHashes(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new SignInStore(jdbi);
        Account a = stored(jdbi, "Sam", now());
        var client = new ClientInfo("2001:db8:ffff:ffff:ffff:ffff:ffff:fffe", "Mozilla/5.0 " + "x".repeat(499));

        NewSignIn session = jdbi.inTransaction(h -> store.start(h, a.id(), false, client, now()));

        SignedIn who = store.find(session.session().value(), now()).orElseThrow();
        assertThat(who.account()).isEqualTo(a);
        assertThat(who.sessionHash()).isEqualTo(session.session().hash());
        assertThat(who.csrfHash()).isEqualTo(session.csrf().hash());
        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("select token_hash, csrf_hash, ip, user_agent from sessions where account_id = :id")
                .bind("id", a.id()).mapToMap().one());
        assertThat(row.values()).doesNotContain(session.session().value(), session.csrf().value());
        assertThat(row).containsEntry("ip", client.ip()).containsEntry("user_agent", client.userAgent());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSessionLastsTwelveHoursOrThirtyDaysWhenRemembered(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new SignInStore(jdbi);
        Account a = stored(jdbi, "Rita", now());
        Instant start = now();
        NewSignIn brief = jdbi.inTransaction(h -> store.start(h, a.id(), false, CLIENT, start));
        NewSignIn remembered = jdbi.inTransaction(h -> store.start(h, a.id(), true, CLIENT, start));

        Instant justBeforeNoon = start.plus(Duration.ofHours(12)).minusMillis(1);
        assertThat(store.find(brief.session().value(), justBeforeNoon)).isPresent();
        assertThat(store.find(brief.session().value(), start.plus(Duration.ofHours(12)))).isEmpty();
        assertThat(store.find(remembered.session().value(), start.plus(Duration.ofDays(30)).minusMillis(1))).isPresent();
        assertThat(store.find(remembered.session().value(), start.plus(Duration.ofDays(30)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unknownExpiredOrMalformedTokensFindNothing(Backend backend) {
        var store = new SignInStore(servers.jdbi(backend));

        assertThat(store.find(SecretToken.generate().value(), now())).isEmpty();
        assertThat(store.find("not a token' or '1'='1", now())).isEmpty();
        assertThat(store.find("", now())).isEmpty();
        assertThat(store.find(null, now())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lastSeenIsWrittenAtMostOnceAMinute(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new SignInStore(jdbi);
        Account a = stored(jdbi, "Lee", now());
        Instant start = now();
        NewSignIn s = jdbi.inTransaction(h -> store.start(h, a.id(), false, CLIENT, start));

        store.find(s.session().value(), start.plusSeconds(59));
        assertThat(lastSeen(jdbi, s)).isEqualTo(start);
        store.find(s.session().value(), start.plusSeconds(61));
        assertThat(lastSeen(jdbi, s)).isEqualTo(start.plusSeconds(61));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void endingSessionsEndsExactlyTheOnesAsked(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new SignInStore(jdbi);
        Account a = stored(jdbi, "Max", now());
        Account other = stored(jdbi, "Other", now());
        NewSignIn laptop = jdbi.inTransaction(h -> store.start(h, a.id(), false, CLIENT, now()));
        NewSignIn phone = jdbi.inTransaction(h -> store.start(h, a.id(), true, CLIENT, now()));
        NewSignIn tablet = jdbi.inTransaction(h -> store.start(h, a.id(), false, CLIENT, now()));
        NewSignIn neighbour = jdbi.inTransaction(h -> store.start(h, other.id(), false, CLIENT, now()));

        store.end(tablet.session().hash());
        assertThat(store.find(tablet.session().value(), now())).isEmpty();
        assertThat(count(jdbi, "sessions", a.id())).isEqualTo(2);

        jdbi.useTransaction(h -> store.endAllExcept(h, a.id(), laptop.session().hash()));
        assertThat(store.find(laptop.session().value(), now())).isPresent();
        assertThat(store.find(phone.session().value(), now())).isEmpty();

        jdbi.useTransaction(h -> store.endAll(h, a.id()));
        assertThat(count(jdbi, "sessions", a.id())).isZero();
        assertThat(store.find(neighbour.session().value(), now())).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void purgingRemovesOnlyExpiredSessions(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var store = new SignInStore(jdbi);
        Account a = stored(jdbi, "Pat", now());
        Instant longAgo = now().minus(Duration.ofDays(2));
        jdbi.useTransaction(h -> store.start(h, a.id(), false, CLIENT, longAgo));
        NewSignIn live = jdbi.inTransaction(h -> store.start(h, a.id(), true, CLIENT, longAgo));

        jdbi.useTransaction(h -> store.purgeExpired(h, now()));

        assertThat(count(jdbi, "sessions", a.id())).isEqualTo(1);
        assertThat(store.find(live.session().value(), now())).isPresent();
    }

    private static Instant lastSeen(Jdbi jdbi, NewSignIn s) {
        return jdbi.withHandle(h -> h.createQuery("select last_seen_at from sessions where token_hash = :hash")
                .bind("hash", s.session().hash()).mapTo(java.sql.Timestamp.class).one()).toInstant();
    }
}
