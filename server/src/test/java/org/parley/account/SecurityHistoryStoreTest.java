package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountStoreTest.CLIENT;
import static org.parley.account.AccountStoreTest.now;
import static org.parley.account.AccountStoreTest.stored;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.db.BackendServers;
import org.parley.web.ClientInfo;

/** The security_events table's SQL (SecurityHistory) on H2 and PostgreSQL. */
class SecurityHistoryStoreTest {
    @RegisterExtension
    static final BackendServers servers = new BackendServers();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void historyIsNewestFirstAndOnlyTheAccountsOwn(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var history = new SecurityHistory(jdbi);
        Account a = stored(jdbi, "Hal", now());
        Account other = stored(jdbi, "Ivy", now());
        Instant t = now();
        var browser = new ClientInfo("2001:db8::1", "Firefox — ünïcödé ✓");
        history.record(a.id(), SecurityEventType.ACCOUNT_CREATED, CLIENT, t);
        history.record(a.id(), SecurityEventType.SIGN_IN, browser, t.plusSeconds(5));
        history.record(a.id(), SecurityEventType.SIGN_OUT, CLIENT, t.plusSeconds(5));
        history.record(other.id(), SecurityEventType.SIGN_IN_FAILED, CLIENT, t.plusSeconds(9));

        assertThat(history.recent(a.id())).containsExactly(
                new SecurityEvent(t.plusSeconds(5), "sign_out", CLIENT.ip(), CLIENT.userAgent()),
                new SecurityEvent(t.plusSeconds(5), "sign_in", browser.ip(), browser.userAgent()),
                new SecurityEvent(t, "account_created", CLIENT.ip(), CLIENT.userAgent()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void atMostFiveHundredEventsAreShownTheOldestLeftOut(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var history = new SecurityHistory(jdbi);
        Account a = stored(jdbi, "Kim", now());
        Instant first = now().minusSeconds(1000);
        jdbi.useTransaction(h -> {
            for (int i = 0; i < 501; i++) {
                history.record(h, a.id(), SecurityEventType.SIGN_IN, CLIENT, first.plusSeconds(i));
            }
        });

        var shown = history.recent(a.id());

        assertThat(shown).hasSize(500);
        assertThat(shown.getFirst().at()).isEqualTo(first.plusSeconds(500));
        assertThat(shown.getLast().at()).isEqualTo(first.plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyEventTypeFitsItsColumn(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        var history = new SecurityHistory(jdbi);
        Account a = stored(jdbi, "Lou", now());

        for (SecurityEventType type : SecurityEventType.values()) {
            history.record(a.id(), type, CLIENT, now());
        }

        assertThat(history.recent(a.id())).extracting(SecurityEvent::event)
                .containsExactlyInAnyOrder(java.util.Arrays.stream(SecurityEventType.values()).map(SecurityEventType::code).toArray(String[]::new));
    }
}
