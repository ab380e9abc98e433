package org.parley.protocol.access;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.VerificationCode;

/**
 * The SRP-6a parameters and encodings of README §10, shared by both sides: the RFC 5054 2048-bit
 * group, SHA-256, {@code I} = the machine id, {@code P} = the NFC password, fixed-length big-endian
 * numbers, {@code K = H(PAD(S))}, the binding to the JOIN keys and the epoch confirmation's MAC. The
 * protocol arithmetic itself
 * is Bouncy Castle's {@code SRP6Client} / {@code SRP6Server}.
 */
final class Srp {
    static final SRP6GroupParameters GROUP = SRP6StandardGroups.rfc5054_2048;
    /** Bytes of N, and so of A, B, S and the verifier on the wire: PAD() of RFC 5054 §2.6. */
    static final int LENGTH = (GROUP.getN().bitLength() + 7) / 8;
    /** SHA-256 output: M1, M2, K and bind. */
    static final int HASH_LENGTH = 32;
    /** README §10: the salt is 32 random bytes. */
    static final int SALT_LENGTH = 32;
    /** Length of an X25519 JOIN public key. */
    static final int PUBLIC_KEY_LENGTH = 32;
    private static final byte[] BIND_LABEL = "parley/1 access".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONFIRM_LABEL = "parley/1 epoch confirm".getBytes(StandardCharsets.UTF_8);
    /** The verification code's value as the epoch confirmation reads it: four u16. */
    static final int CODE_VALUE_LENGTH = 8;

    private Srp() {
    }

    static Digest digest() {
        return new SHA256Digest();
    }

    /** {@code I}: the machine id as its lowercase UUID text (what {@link UUID#toString()} writes). */
    static byte[] identity(UUID machineId) {
        return machineId.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code P}: the password's UTF-8 after NFC, so "é" typed as one code point or as "e" plus a
     * combining accent (macOS and some keyboards) is the same password.
     */
    static byte[] password(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("an access password must not be empty");
        }
        return Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    }

    /** PAD(value): unsigned big-endian, left-padded with zeros to the length of N. */
    static byte[] pad(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(LENGTH, value);
    }

    /** A hash output Bouncy Castle returns as a number (M1, M2, K), back to its 32 bytes. */
    static byte[] hashBytes(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(HASH_LENGTH, value);
    }

    /**
     * A peer's public value A or B: exactly {@link #LENGTH} bytes, below N and not 0 mod N. RFC 5054
     * §2.5.3–2.5.4: a public value of 0 (or N) would make the shared secret 0 whatever the password.
     */
    static BigInteger publicValue(String name, byte[] padded) throws AccessHandshakeException {
        if (padded.length != LENGTH) {
            throw new AccessHandshakeException(name + " must be " + LENGTH + " bytes (padded to the length of N), got "
                    + padded.length);
        }
        BigInteger value = new BigInteger(1, padded);
        if (value.compareTo(GROUP.getN()) >= 0) {
            throw new AccessHandshakeException(name + " is not below N");
        }
        if (value.signum() == 0) {
            throw new AccessHandshakeException(name + " is 0 mod N");
        }
        return value;
    }

    /** {@code K = H(PAD(S))}, 32 bytes. */
    static byte[] sessionKey(BigInteger premaster) {
        return hashBytes(SRP6Util.calculateKey(digest(), GROUP.getN(), premaster));
    }

    /**
     * {@code HMAC-SHA256(K, "parley/1 access" || machineId (16) || callerPublicKey || agentPublicKey)}:
     * ties the password proof to the X25519 keys the relay announced, so a relay that hands either
     * side its own key instead is caught by the agent.
     */
    static byte[] bind(byte[] sessionKey, UUID machineId, byte[] callerPublicKey, byte[] agentPublicKey) {
        requireKey("caller", callerPublicKey);
        requireKey("agent", agentPublicKey);
        byte[] message = ByteBuffer.allocate(BIND_LABEL.length + 16 + 2 * PUBLIC_KEY_LENGTH).put(BIND_LABEL)
                .putLong(machineId.getMostSignificantBits()).putLong(machineId.getLeastSignificantBits())
                .put(callerPublicKey).put(agentPublicKey).array();
        return hmac(sessionKey, message);
    }

    /**
     * {@code HMAC-SHA256(K, "parley/1 epoch confirm" || u64(epoch) || codeValue(code))}: the agent's
     * word that {@code code}, and so the epoch's secret and who holds it, is the one it made.
     */
    static byte[] epochMac(byte[] sessionKey, long epoch, VerificationCode code) {
        if (epoch < 0 || epoch > EpochSecret.MAX_EPOCH) {
            throw new IllegalArgumentException("epoch must be 0–" + EpochSecret.MAX_EPOCH + ", got " + epoch);
        }
        byte[] message = ByteBuffer.allocate(CONFIRM_LABEL.length + 8 + CODE_VALUE_LENGTH).put(CONFIRM_LABEL)
                .putLong(epoch).put(codeValue(code)).array();
        return hmac(sessionKey, message);
    }

    /**
     * The code's four groups of digits, each as u16: 8 bytes. What both ends show (README §6), so a
     * browser, which sees only the code's text, computes the same bytes as the agent.
     */
    static byte[] codeValue(VerificationCode code) {
        String[] groups = code.text().split(" ");
        ByteBuffer value = ByteBuffer.allocate(CODE_VALUE_LENGTH);
        for (String group : groups) {
            value.putShort((short) Integer.parseInt(group));
        }
        return value.array();
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", missing);
        }
    }

    private static void requireKey(String whose, byte[] publicKey) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("the " + whose + "'s JOIN public key must be " + PUBLIC_KEY_LENGTH
                    + " bytes, got " + (publicKey == null ? "none" : publicKey.length));
        }
    }
}
