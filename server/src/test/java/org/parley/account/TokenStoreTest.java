package org.parley.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountStoreTest.count;
import static org.parley.account.AccountStoreTest.now;
import static org.parley.account.AccountStoreTest.stored;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.TestDatabase.Backend;
import org.parley.db.BackendServers;
import org.parley.security.SecretToken;

/** The one-time mail tokens' SQL on H2 and PostgreSQL: used once, for one purpose, within their lifetime. */
class TokenStoreTest {
    @RegisterExtension
    static final BackendServers servers = new BackendServers();
    private final TokenStore tokens = new TokenStore();

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenRedeemsOnceForItsAccountAndAddress(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        Account a = stored(jdbi, "Una", now());
        SecretToken token = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), now()));

        assertThat(redeem(jdbi, token.value(), TokenPurpose.VERIFY_EMAIL, now()))
                .contains(new TokenStore.Redeemed(a.id(), a.email()));
        assertThat(redeem(jdbi, token.value(), TokenPurpose.VERIFY_EMAIL, now())).isEmpty();
        int storedAsIs = jdbi.withHandle(h -> h.createQuery("select count(*) from account_tokens where token_hash = :v")
                .bind("v", token.value()).mapTo(Integer.class).one());
        assertThat(storedAsIs).as("the token itself is never stored").isZero();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenForOnePurposeDoesNotRedeemForAnotherAndStaysValid(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        Account a = stored(jdbi, "Vic", now());
        SecretToken reset = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.RESET_PASSWORD, a.email(), now()));

        assertThat(redeem(jdbi, reset.value(), TokenPurpose.VERIFY_EMAIL, now())).isEmpty();
        assertThat(redeem(jdbi, reset.value(), TokenPurpose.CHANGE_EMAIL, now())).isEmpty();
        assertThat(redeem(jdbi, reset.value(), TokenPurpose.RESET_PASSWORD, now())).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTokenExpiresAfterItsPurposesLifetime(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        Account a = stored(jdbi, "Wes", now());
        Instant issued = now();
        SecretToken reset = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.RESET_PASSWORD, a.email(), issued));
        SecretToken verify = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), issued));

        Instant anHourLater = issued.plus(TokenPurpose.RESET_PASSWORD.lifetime());
        assertThat(redeem(jdbi, reset.value(), TokenPurpose.RESET_PASSWORD, anHourLater)).isEmpty();
        assertThat(redeem(jdbi, verify.value(), TokenPurpose.VERIFY_EMAIL, anHourLater)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewResetLinkRevokesTheOldOneButVerificationLinksAllStayValid(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        Account a = stored(jdbi, "Xia", now());
        SecretToken oldReset = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.RESET_PASSWORD, a.email(), now()));
        SecretToken newReset = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.RESET_PASSWORD, a.email(), now()));
        SecretToken firstVerify = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), now()));
        SecretToken resent = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), now()));

        assertThat(redeem(jdbi, oldReset.value(), TokenPurpose.RESET_PASSWORD, now())).isEmpty();
        assertThat(redeem(jdbi, newReset.value(), TokenPurpose.RESET_PASSWORD, now())).isPresent();
        assertThat(redeem(jdbi, firstVerify.value(), TokenPurpose.VERIFY_EMAIL, now())).isPresent();
        assertThat(redeem(jdbi, resent.value(), TokenPurpose.VERIFY_EMAIL, now())).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedTokensAreRefusedWithoutALookup(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);

        assertThat(redeem(jdbi, "' or 1=1 --", TokenPurpose.VERIFY_EMAIL, now())).isEmpty();
        assertThat(redeem(jdbi, null, TokenPurpose.VERIFY_EMAIL, now())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void purgingRemovesOnlyExpiredTokens(Backend backend) {
        Jdbi jdbi = servers.jdbi(backend);
        Account a = stored(jdbi, "Yan", now());
        Instant twoHoursAgo = now().minusSeconds(7200);
        jdbi.useTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.RESET_PASSWORD, a.email(), twoHoursAgo));
        SecretToken verify = jdbi.inTransaction(h -> tokens.issue(h, a.id(), TokenPurpose.VERIFY_EMAIL, a.email(), twoHoursAgo));

        jdbi.useTransaction(h -> tokens.purgeExpired(h, now()));

        assertThat(count(jdbi, "account_tokens", a.id())).isEqualTo(1);
        assertThat(redeem(jdbi, verify.value(), TokenPurpose.VERIFY_EMAIL, now())).isPresent();
    }

    private Optional<TokenStore.Redeemed> redeem(Jdbi jdbi, String token, TokenPurpose purpose, Instant now) {
        return jdbi.inTransaction(h -> tokens.redeem(h, token, purpose, now));
    }
}
