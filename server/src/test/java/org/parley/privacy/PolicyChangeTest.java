package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.account.AccountSteps.PASSWORD;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.Mails;
import org.parley.TestDatabase;
import org.parley.TestServer;
import org.parley.account.AccountSteps;
import org.parley.account.ManualClock;

/**
 * The privacy policy's promise: before a material change takes effect every account is mailed,
 * and once it is in force existing accounts are asked to accept it until they do.
 */
class PolicyChangeTest {
    @Test
    void aMaterialChangeIsMailedToEveryAccountFirstAndAskedToBeAcceptedOnceInForce() {
        var clock = ManualClock.startingNow();
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock)) {
            var client = server.client();
            client.registerAndSignIn(server, "Existing", "Member", "member@example.com", PASSWORD);
            server.client().post("/api/v1/accounts", AccountSteps.applicant("Not", "Verified", "newbie@example.com"));

            var policy = server.server().policyPublisher().publish(clock.instant().plus(Duration.ofDays(2)), true,
                    "Parley privacy policy, version 2: we now also keep meeting subjects.");

            for (String address : new String[] {"member@example.com", "newbie@example.com"}) {
                var notice = server.awaitMail(address, "privacy policy is changing");
                assertThat(Mails.text(notice)).contains("Version " + policy.version(), policy.effectiveAt().toString());
            }
            assertThat(client.get("/api/v1/me").json().path("policyToAccept").isNull()).as("not in force yet").isTrue();
            var published = server.client().get("/api/v1/policy").json();
            assertThat(published.path("version").asInt()).as("the version before").isEqualTo(policy.version() - 1);
            assertThat(published.path("upcoming").path("version").asInt()).isEqualTo(policy.version());

            clock.advance(Duration.ofDays(3));

            var signIn = client.signIn("member@example.com", PASSWORD);
            assertThat(signIn.json().path("policyToAccept").asInt()).isEqualTo(policy.version());
            assertThat(client.get("/api/v1/me").json().path("policyToAccept").asInt()).isEqualTo(policy.version());
            assertThat(server.client().get("/api/v1/policy").json().path("version").asInt()).isEqualTo(policy.version());
            var latecomer = server.client();
            latecomer.registerAndSignIn(server, "Late", "Comer", "latecomer@example.com", PASSWORD);
            assertThat(latecomer.get("/api/v1/me").json().path("policyToAccept").isNull())
                    .as("an account created under the new policy accepted it by signing up").isTrue();

            assertThat(client.post("/api/v1/me/policy-acceptance", Map.of("version", policy.version())).status()).isEqualTo(204);

            assertThat(client.get("/api/v1/me").json().path("policyToAccept").isNull()).isTrue();
            assertThat(server.client().signIn("member@example.com", PASSWORD).json().path("policyToAccept").isNull()).isTrue();
        }
    }

    @Test
    void aMaterialChangeCannotTakeEffectWithoutNoticeAndAFutureVersionCannotBeAccepted() {
        var clock = ManualClock.startingNow();
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock)) {
            var publisher = server.server().policyPublisher();
            assertThatThrownBy(() -> publisher.publish(clock.instant().plus(Duration.ofHours(1)), true, "too soon"))
                    .isInstanceOf(IllegalArgumentException.class);
            var upcoming = publisher.publish(clock.instant().plus(Duration.ofDays(7)), true, "next week");
            var client = server.client();
            client.registerAndSignIn(server, "Early", "Bird", "early@example.com", PASSWORD);

            var accepted = client.post("/api/v1/me/policy-acceptance", Map.of("version", upcoming.version()));

            assertThat(accepted.status()).isEqualTo(400);
            assertThat(accepted.error()).isEqualTo("invalid_input");
        }
    }
}
