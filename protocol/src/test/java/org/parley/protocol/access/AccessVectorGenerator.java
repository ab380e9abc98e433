package org.parley.protocol.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.parley.protocol.TestVectors;
import org.parley.protocol.keys.VerificationCode;

/**
 * Writes {@code testvectors/parley-access-v1.json}: complete access handshakes (README §10) run by
 * {@link AccessCaller} and {@link AccessHost} from fixed inputs (machine id, password, salt, a, b and
 * both JOIN keys), each with the agent's {@code epoch-confirm} under its K for a fixed epoch and code, for the browser's {@code srp.js} to check itself against. The passwords include one
 * written in NFD, which both sides must normalise to NFC.
 *
 * <p>Regenerate (only when the protocol changes on purpose) with
 * {@code java -cp <test classpath> org.parley.protocol.access.AccessVectorGenerator <file>};
 * {@code AccessVectorsTest} fails while the file and this generator disagree.
 */
final class AccessVectorGenerator {

    static final Path FILE = Path.of("src/test/resources/testvectors/parley-access-v1.json");

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One handshake's fixed inputs, and the epoch and code the agent then confirms with its K. */
    record Case(UUID machineId, String password, long epoch, String code) {
    }

    static final List<Case> CASES = List.of(
            new Case(UUID.fromString("5f0c6b7e-3a1d-4c2b-9e8f-0123456789ab"), "correct horse battery staple", 1,
                    "0421 9983 1207 5530"),
            // "Café Über 42" in NFD (e + U+0301, U+0308 after U): the NFC bytes are what count; the last
            // epoch there is (2^47 − 1), so u64(epoch) has bytes above the low 32 bits
            new Case(UUID.fromString("00000000-0000-4000-8000-000000000001"), "Cafe\u0301 U\u0308ber 42", (1L << 47) - 1,
                    "9999 0000 0007 6553"));

    private AccessVectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        TestVectors.write(args, FILE, generate());
    }

    /** The whole file, pretty-printed, ending in a newline. */
    static String generate() {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", "Parley access handshake v1 (protocol README §10): SRP-6a, RFC 5054 2048-bit group (g = 2), SHA-256, "
                + "made by the Java implementation (Bouncy Castle) from fixed inputs, each followed by the agent's epoch-confirm "
                + "with its K for a fixed epoch and verification code. Binary values are hex; the messages are the exact "
                + "HANDSHAKE payloads.");
        ArrayNode handshakes = root.putArray("handshakes");
        for (Case c : CASES) {
            handshakes.add(handshake(c));
        }
        return TestVectors.pretty(root);
    }

    private static ObjectNode handshake(Case c) {
        String name = c.machineId() + " " + c.password();
        byte[] salt = fixed("salt " + name, Srp.SALT_LENGTH);
        byte[] a = fixed("a " + name, 32);
        byte[] b = fixed("b " + name, 32);
        byte[] callerKey = fixed("caller key " + name, 32);
        byte[] agentKey = fixed("agent key " + name, 32);
        SecureRandom random = new SecureRandom(); // Bouncy Castle blinds with it; the results do not depend on it
        AccessVerifier verifier = AccessVerifier.of(c.machineId(), c.password(), salt, random);
        var caller = new AccessCaller(c.machineId(), c.password(), random, new BigInteger(1, a));
        var host = new AccessHost(c.machineId(), verifier, new AccessLockout(Clock.systemUTC()), random, new BigInteger(1, b));
        try {
            byte[] start = caller.start();
            byte[] challenge = host.onStart(start).message();
            byte[] evidence = ((CallerStep.Send) caller.onChallenge(challenge, callerKey, agentKey)).message();
            var accepted = (HostStep.Accepted) host.onEvidence(evidence, callerKey, agentKey);
            var done = (CallerStep.Accepted) caller.onResult(accepted.message());
            JsonNode startJson = JSON.readTree(start);
            JsonNode challengeJson = JSON.readTree(challenge);
            JsonNode evidenceJson = JSON.readTree(evidence);
            JsonNode okJson = JSON.readTree(accepted.message());
            ObjectNode out = JSON.createObjectNode()
                    .put("machineId", c.machineId().toString())
                    .put("password", c.password())
                    .put("passwordUtf8", hex(Srp.password(c.password())))
                    .put("salt", hex(salt))
                    .put("a", hex(a))
                    .put("b", hex(b))
                    .put("callerPublicKey", hex(callerKey))
                    .put("agentPublicKey", hex(agentKey))
                    .put("v", hex(verifier.verifier()))
                    .put("A", fromB64(startJson, "A"))
                    .put("B", fromB64(challengeJson, "B"))
                    .put("M1", fromB64(evidenceJson, "M1"))
                    .put("bind", fromB64(evidenceJson, "bind"))
                    .put("M2", fromB64(okJson, "M2"))
                    .put("K", hex(done.sessionKey()));
            if (!Arrays.equals(done.sessionKey(), accepted.sessionKey())) {
                throw new IllegalStateException("caller and host disagree on K for " + name);
            }
            ObjectNode messages = out.putObject("messages");
            messages.put("start", utf8(start)).put("challenge", utf8(challenge)).put("evidence", utf8(evidence))
                    .put("ok", utf8(accepted.message()));
            byte[] confirm = AccessHost.epochConfirm(accepted.sessionKey(), c.epoch(), new VerificationCode(c.code()));
            out.putObject("epochConfirm")
                    .put("epoch", c.epoch())
                    .put("code", c.code())
                    .put("codeValue", hex(Srp.codeValue(new VerificationCode(c.code()))))
                    .put("mac", fromB64(JSON.readTree(confirm), "mac"))
                    .put("message", utf8(confirm));
            return out;
        } catch (AccessHandshakeException | IOException e) {
            throw new IllegalStateException("the fixed handshake " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code length} fixed pseudo-random bytes named by {@code label}: SHA-256 chained. */
    static byte[] fixed(String label, int length) {
        byte[] out = new byte[length];
        byte[] block = sha256(("parley-access-v1 vectors: " + label).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < length; i += block.length, block = sha256(block)) {
            System.arraycopy(block, 0, out, i, Math.min(block.length, length - i));
        }
        return out;
    }

    private static String fromB64(JsonNode message, String field) {
        return hex(Base64.getUrlDecoder().decode(message.get(field).asText()));
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
