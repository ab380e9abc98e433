package org.parley.protocol.access;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * README §10's formulas written out with the JDK alone (BigInteger, SHA-256, HMAC), as a second
 * implementation: where it agrees with the Bouncy Castle based classes, the README says what they
 * do (in particular that M1 and M2 pad every term, M1 included, to the length of N).
 */
final class ReferenceSrp {
    private static final BigInteger N = Srp.GROUP.getN();
    private static final BigInteger G = Srp.GROUP.getG();

    /** Every value of one handshake. */
    record Values(byte[] v, byte[] a, byte[] b, byte[] m1, byte[] m2, byte[] k, byte[] bind) {
    }

    private ReferenceSrp() {
    }

    static Values run(UUID machineId, String password, byte[] salt, BigInteger a, BigInteger b, byte[] callerKey, byte[] agentKey) {
        BigInteger k = number(sha256(pad(N), pad(G)));
        byte[] inner = sha256((machineId + ":" + Normalizer.normalize(password, Normalizer.Form.NFC)).getBytes(StandardCharsets.UTF_8));
        BigInteger x = number(sha256(salt, inner));
        BigInteger v = G.modPow(x, N);
        BigInteger bigA = G.modPow(a, N);
        BigInteger bigB = k.multiply(v).add(G.modPow(b, N)).mod(N);
        BigInteger u = number(sha256(pad(bigA), pad(bigB)));
        BigInteger clientS = bigB.subtract(k.multiply(G.modPow(x, N))).mod(N).modPow(a.add(u.multiply(x)), N);
        BigInteger serverS = bigA.multiply(v.modPow(u, N)).mod(N).modPow(b, N);
        if (!clientS.equals(serverS)) {
            throw new AssertionError("the reference's two sides disagree on S");
        }
        byte[] m1 = sha256(pad(bigA), pad(bigB), pad(clientS));
        byte[] m2 = sha256(pad(bigA), pad(number(m1)), pad(clientS));
        byte[] key = sha256(pad(clientS));
        byte[] bindInput = ByteBuffer.allocate(15 + 16 + 64).put("parley/1 access".getBytes(StandardCharsets.UTF_8))
                .putLong(machineId.getMostSignificantBits()).putLong(machineId.getLeastSignificantBits())
                .put(callerKey).put(agentKey).array();
        return new Values(pad(v), pad(bigA), pad(bigB), m1, m2, key, hmac(key, bindInput));
    }

    /**
     * README §10's epoch confirmation, written out: {@code HMAC-SHA256(K, "parley/1 epoch confirm" ||
     * u64(epoch) || u16(d1) || u16(d2) || u16(d3) || u16(d4))} over the code's four groups of digits.
     */
    static byte[] epochMac(byte[] key, long epoch, String code) {
        var input = ByteBuffer.allocate(22 + 8 + 8).put("parley/1 epoch confirm".getBytes(StandardCharsets.UTF_8)).putLong(epoch);
        for (String group : code.split(" ")) {
            input.putShort((short) Integer.parseInt(group));
        }
        return hmac(key, input.array());
    }

    static byte[] pad(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[256];
        int skip = raw.length > 256 ? raw.length - 256 : 0; // a sign byte
        System.arraycopy(raw, skip, out, 256 - (raw.length - skip), raw.length - skip);
        return out;
    }

    private static BigInteger number(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    private static byte[] sha256(byte[]... parts) {
        var all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(all.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
