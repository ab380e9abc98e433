package org.parley.protocol.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.parley.protocol.TestVectors;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameKey;

/**
 * Writes {@code testvectors/parley-v1.json} from fixed inputs, for the JavaScript implementation to
 * check itself against. Every number in it is below 2^53, so {@code JSON.parse} reads it exactly.
 *
 * <p>Regenerate (only when the protocol changes on purpose) with
 * {@code java -cp <test classpath> org.parley.protocol.keys.ParleyVectorGenerator <file>};
 * {@code ParleyVectorsTest} fails while the file and this generator disagree.
 */
final class ParleyVectorGenerator {

    static final Path FILE = Path.of("src/test/resources/testvectors/parley-v1.json");

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Large, yet KID = epoch * 65536 + 65535 stays below 2^53. */
    static final long LARGE_EPOCH = 123_456_789_012L;
    private static final UUID SESSION_A = UUID.fromString("5f0c6b7e-3a1d-4c2b-9e8f-0123456789ab");
    private static final UUID SESSION_B = UUID.fromString("00000000-0000-4000-8000-000000000001");

    private ParleyVectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        TestVectors.write(args, FILE, generate());
    }

    /** The whole file, pretty-printed, ending in a newline. */
    static String generate() {
        ObjectNode root = JSON.createObjectNode();
        ratchet(root.putArray("ratchet"));
        senderKeys(root.putArray("senderKeys"));
        frames(root.putArray("frames"));
        keyDelivery(root.putArray("keyDelivery"));
        admission(root.putArray("admission"));
        verification(root.putArray("verification"));
        return TestVectors.pretty(root);
    }

    /** 32 (or {@code length}) fixed pseudo-random bytes named by {@code label}: SHA-256 chained. */
    static byte[] fixed(String label, int length) {
        byte[] out = new byte[length];
        byte[] block = sha256(("parley-v1 vectors: " + label).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < length; i += block.length, block = sha256(block)) {
            System.arraycopy(block, 0, out, i, Math.min(block.length, length - i));
        }
        return out;
    }

    private static void ratchet(ArrayNode out) {
        long[] epochs = {0, 1, 41, LARGE_EPOCH - 1};
        for (long epoch : epochs) {
            EpochSecret secret = EpochSecret.of(epoch, fixed("ratchet " + epoch, 32));
            EpochSecret next = secret.afterJoin();
            out.addObject().put("secret", hex(secret.bytes())).put("nextEpoch", next.epoch()).put("next", hex(next.bytes()));
        }
    }

    private static void senderKeys(ArrayNode out) {
        record Case(CipherSuite suite, long epoch, int sender) { }
        List<Case> cases = List.of(
                new Case(CipherSuite.AES_128_GCM_SHA256_128, 0, 1),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, 0, 65535),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, LARGE_EPOCH, 1),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, LARGE_EPOCH, 65535),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, 0, 1),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, 7, 300),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, LARGE_EPOCH, 65535));
        for (Case c : cases) {
            EpochSecret secret = EpochSecret.of(c.epoch(), fixed("sender keys " + c.epoch(), 32));
            SFrameKey key = secret.senderKey(c.sender(), c.suite());
            out.addObject().put("suite", c.suite().id()).put("secret", hex(secret.bytes())).put("epoch", c.epoch())
                    .put("sender", c.sender()).put("kid", secret.kid(c.sender()).value())
                    .put("baseKey", hex(secret.senderBaseKey(c.sender(), c.suite())))
                    .put("sframeKey", hex(key.key())).put("sframeSalt", hex(key.salt()));
        }
    }

    private static void frames(ArrayNode out) {
        record Case(CipherSuite suite, long epoch, int sender, long ctr, byte[] metadata, byte[] plaintext) { }
        byte[] none = new byte[0];
        byte[] thousand = new byte[1000];
        for (int i = 0; i < thousand.length; i++) {
            thousand[i] = (byte) (i % 251);
        }
        List<Case> cases = List.of(
                new Case(CipherSuite.AES_128_GCM_SHA256_128, 0, 1, 0, none, none),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, 0, 65535, 1, none, utf8("hello, parley")),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, LARGE_EPOCH, 1, 7, none, thousand),
                new Case(CipherSuite.AES_128_GCM_SHA256_128, 2, 300, 8, utf8("metadata"), utf8("{\"chat\":\"hi\"}")),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, 3, 42, 17767, none, utf8("suite 5")),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, LARGE_EPOCH, 65535, 4_294_967_296L, none, thousand),
                new Case(CipherSuite.AES_256_GCM_SHA512_128, 0, 1, 0, none, none));
        for (Case c : cases) {
            EpochSecret secret = EpochSecret.of(c.epoch(), fixed("frames " + c.epoch(), 32));
            byte[] frame = secret.senderKey(c.sender(), c.suite()).seal(c.ctr(), c.metadata(), c.plaintext());
            out.addObject().put("suite", c.suite().id()).put("secret", hex(secret.bytes())).put("epoch", c.epoch())
                    .put("sender", c.sender()).put("ctr", c.ctr()).put("metadata", hex(c.metadata()))
                    .put("plaintext", hex(c.plaintext())).put("frame", hex(frame));
        }
    }

    private static void keyDelivery(ArrayNode out) {
        record Case(UUID session, long epoch, int recipient) { }
        List<Case> cases = List.of(new Case(SESSION_A, 0, 1), new Case(SESSION_A, 5, 300),
                new Case(SESSION_B, LARGE_EPOCH, 65535));
        for (Case c : cases) {
            String name = c.session() + " " + c.epoch() + " " + c.recipient();
            ParticipantKeyPair recipient = ParticipantKeyPair.fromPrivateKey(fixed("recipient " + name, 32));
            ParticipantKeyPair sender = ParticipantKeyPair.fromPrivateKey(fixed("keyholder " + name, 32));
            EpochSecret secret = EpochSecret.of(c.epoch(), fixed("delivered " + name, 32));
            byte[] payload = withEphemeral(fixed("ephemeral " + name, 32),
                    () -> KeyDelivery.seal(c.session(), secret, c.recipient(), recipient.publicKey(), sender));
            out.addObject().put("sessionId", c.session().toString()).put("epoch", c.epoch())
                    .put("recipientId", c.recipient()).put("recipientPrivateKey", hex(recipient.privateKey()))
                    .put("recipientPublicKey", hex(recipient.publicKey()))
                    .put("senderPrivateKey", hex(sender.privateKey())).put("senderPublicKey", hex(sender.publicKey()))
                    .put("info", hex(KeyDelivery.info(c.session(), c.epoch(), c.recipient(), recipient.publicKey())))
                    .put("payload", hex(payload)).put("secret", hex(secret.bytes()));
        }
    }

    /**
     * Runs {@code sealing} with Bouncy Castle's default random fixed to yield {@code ephemeralPrivateKey}:
     * its HPKE draws the ephemeral key of auth mode from it and takes no key of ours, and the vectors
     * must be the same on every run.
     */
    private static byte[] withEphemeral(byte[] ephemeralPrivateKey, java.util.function.Supplier<byte[]> sealing) {
        var fixedRandom = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(ephemeralPrivateKey, 0, bytes, 0, bytes.length);
            }
        };
        org.bouncycastle.crypto.CryptoServicesRegistrar.setSecureRandom(fixedRandom);
        try {
            return sealing.get();
        } finally {
            org.bouncycastle.crypto.CryptoServicesRegistrar.setSecureRandom(null);
        }
    }

    private static void admission(ArrayNode out) {
        for (UUID session : List.of(SESSION_A, SESSION_B)) {
            InvitationSecret k = InvitationSecret.of(fixed("invitation " + session, 32));
            byte[] publicKey = ParticipantKeyPair.fromPrivateKey(fixed("joiner " + session, 32)).publicKey();
            out.addObject().put("k", hex(fixed("invitation " + session, 32))).put("sessionId", session.toString())
                    .put("publicKey", hex(publicKey)).put("proof", hex(k.proof(session, publicKey)));
        }
    }

    private static void verification(ArrayNode out) {
        byte[] low = fixed("key low", 32);
        low[0] = 0x7f; // with `high`, checks the sort is by unsigned bytes
        byte[] high = fixed("key high", 32);
        high[0] = (byte) 0x80;
        List<List<byte[]>> sets = List.of(
                List.of(fixed("key solo", 32)),
                List.of(high, low),
                List.of(fixed("key c", 32), high, fixed("key a", 32), low, fixed("key b", 32)));
        for (int i = 0; i < sets.size(); i++) {
            EpochSecret secret = EpochSecret.of(i, fixed("verification " + i, 32));
            ObjectNode entry = out.addObject().put("secret", hex(secret.bytes()));
            ArrayNode keys = entry.putArray("publicKeys");
            sets.get(i).forEach(key -> keys.add(hex(key)));
            entry.put("code", secret.verificationCode(sets.get(i)).text());
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
