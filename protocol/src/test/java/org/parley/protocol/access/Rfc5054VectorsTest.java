package org.parley.protocol.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.junit.jupiter.api.Test;
import org.parley.protocol.TestVectors;

/**
 * Bouncy Castle's SRP-6a formulas, which README §10 builds on, against RFC 5054 Appendix B (the
 * 1024-bit group and SHA-1 there; the same code runs our 2048-bit group with SHA-256): k, x, v, u,
 * A, B and the premaster secret S on both sides.
 */
class Rfc5054VectorsTest {
    private static final JsonNode V = TestVectors.load("rfc5054-srp.json");
    private static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theVectorsUseBouncyCastlesRfc5054Group() {
        assertThat(number("N")).isEqualTo(GROUP.getN());
        assertThat(number("g")).isEqualTo(GROUP.getG());
        assertThat(V.get("H").asText()).isEqualTo("SHA-1");
    }

    @Test
    void multiplierPrivateKeyAndVerifierMatchTheRfc() {
        BigInteger k = SRP6Util.calculateK(new SHA1Digest(), GROUP.getN(), GROUP.getG());
        BigInteger x = SRP6Util.calculateX(new SHA1Digest(), GROUP.getN(), bytes("s"), utf8("I"), utf8("P"));
        var generator = new SRP6VerifierGenerator();
        generator.init(GROUP, new SHA1Digest(), RANDOM);
        BigInteger v = generator.generateVerifier(bytes("s"), utf8("I"), utf8("P"));

        assertThat(k).isEqualTo(number("k"));
        assertThat(x).isEqualTo(number("x"));
        assertThat(v).isEqualTo(number("v"));
    }

    @Test
    void bothSidesComputeTheRfcsPublicValuesScramblerAndPremasterSecret() throws CryptoException {
        SRP6Client client = new SRP6Client() {
            @Override
            protected BigInteger selectPrivateValue() {
                return number("a");
            }
        };
        SRP6Server server = new SRP6Server() {
            @Override
            protected BigInteger selectPrivateValue() {
                return number("b");
            }
        };
        client.init(GROUP, new SHA1Digest(), RANDOM);
        server.init(GROUP, number("v"), new SHA1Digest(), RANDOM);

        BigInteger a = client.generateClientCredentials(bytes("s"), utf8("I"), utf8("P"));
        BigInteger b = server.generateServerCredentials();
        BigInteger u = SRP6Util.calculateU(new SHA1Digest(), GROUP.getN(), a, b);
        BigInteger clientSecret = client.calculateSecret(b);
        BigInteger serverSecret = server.calculateSecret(a);

        assertThat(a).isEqualTo(number("A"));
        assertThat(b).isEqualTo(number("B"));
        assertThat(u).isEqualTo(number("u"));
        assertThat(clientSecret).isEqualTo(number("S"));
        assertThat(serverSecret).isEqualTo(number("S"));
    }

    private static BigInteger number(String field) {
        return new BigInteger(1, TestVectors.hex(V, field));
    }

    private static byte[] bytes(String field) {
        return TestVectors.hex(V, field);
    }

    private static byte[] utf8(String field) {
        return V.get(field).asText().getBytes(StandardCharsets.UTF_8);
    }
}
