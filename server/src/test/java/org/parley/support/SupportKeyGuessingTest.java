package org.parley.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.TestDatabase;
import org.parley.TestServer;

/**
 * Guessing support keys, as the attacker: from many addresses (behind a trusted proxy, so each
 * request names its address in X-Forwarded-For). Limits follow the guesser — its address and its
 * network — and the key space as a whole raises an alarm instead of locking every customer out.
 */
class SupportKeyGuessingTest {
    static final String PASSWORD = "correct horse battery staple 91";
    static TestServer server;
    static ApiClient technician;

    // a server for each test: the alarm counts wrong keys across the key space, so tests must not add up
    @BeforeEach
    void start() {
        server = TestServer.start(TestDatabase.Backend.H2, Map.of("PARLEY_TRUST_PROXY", "true"), Clock.systemUTC());
        technician = server.client();
        technician.registerAndSignIn(server, "Gus", "Tech", "gus@example.com", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String newKey() {
        return technician.post("/api/v1/support-sessions", Map.of()).json().path("supportKey").asText();
    }

    static String wrongFor(String key) {
        return key.equals("000000000") ? "000000001" : "000000000";
    }

    static int join(String key, String ip) {
        return server.client().send("POST", "/api/v1/support-sessions/join", Map.of("supportKey", key), Map.of("X-Forwarded-For", ip))
                .status();
    }

    String securityLog() throws IOException {
        return Files.readString(server.dataDir().resolve("security.log"));
    }

    @Test
    void guessesFromManyNetworksRaiseOneAlarmAndTheCustomerStillGetsIn() throws IOException {
        String key = newKey();
        // 35 networks × 10 wrong keys: 350, past the alarm's 300 (the old global lock refused everyone from 300 on)
        for (int network = 1; network <= 35; network++) {
            for (int guess = 0; guess < 10; guess++) {
                assertThat(join(wrongFor(key), "10." + network + ".0.1")).isEqualTo(404);
            }
        }
        assertThat(join(wrongFor(key), "10.1.0.1")).as("the eleventh guess from one address").isEqualTo(429);

        assertThat(join(key, "192.0.2.50")).as("the customer, from an address that guessed nothing").isEqualTo(200);
        assertThat(securityLog().lines().filter(line -> line.contains("support_key_guessing")))
                .singleElement().satisfies(line -> assertThat(line).contains("ERROR", "security alarm", "ip=\"10.", "wrong support keys")
                        .doesNotContain(key).doesNotContain(wrongFor(key)));
    }

    @Test
    void addressesInOneNetworkShareItsLimitAndOthersAreNotHeldBack() throws IOException {
        String key = newKey();
        // six addresses in 203.0.113.0/24, each under its own limit of 10: 60, the network's limit
        for (int host = 1; host <= 6; host++) {
            for (int guess = 0; guess < 10; guess++) {
                assertThat(join(wrongFor(key), "203.0.113." + host)).isEqualTo(404);
            }
        }
        assertThat(join(key, "203.0.113.77")).as("a fresh address in the same /24, even with the right key").isEqualTo(429);
        assertThat(securityLog()).contains("too many wrong support keys from this network");
        assertThat(join(key, "203.0.114.77")).as("the next /24").isEqualTo(200);

        String another = newKey();
        for (int host = 1; host <= 6; host++) {
            for (int guess = 0; guess < 10; guess++) {
                assertThat(join(wrongFor(another), "2001:db8:7:" + host + "::1")).isEqualTo(404);
            }
        }
        assertThat(join(another, "2001:db8:7:ff::1")).as("the same IPv6 /48").isEqualTo(429);
        assertThat(join(another, "2001:db8:8::1")).as("another /48").isEqualTo(200);
    }

    @Test
    void manyIpv6NetworksOfOneProviderShareItsLimit() throws IOException {
        String key = newKey();
        // twenty-four /48s of 2001:db9::/32, ten guesses from each (under the /48's 60): 240, the /32's limit
        for (int network = 0; network < 24; network++) {
            for (int guess = 0; guess < 10; guess++) {
                assertThat(join(wrongFor(key), "2001:db9:" + Integer.toHexString(0x100 + network) + "::1")).isEqualTo(404);
            }
        }
        assertThat(join(key, "2001:db9:ffff::1")).as("a fresh /48 of the same /32, even with the right key").isEqualTo(429);
        assertThat(securityLog()).contains("too many wrong support keys from this provider's addresses");
        assertThat(join(key, "2001:dbb:1::1")).as("another provider's address").isEqualTo(200);
    }
}
