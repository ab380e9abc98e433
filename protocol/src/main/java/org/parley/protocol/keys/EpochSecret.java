package org.parley.protocol.keys;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import org.parley.protocol.Hkdf;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameKey;

/**
 * The 32-byte secret of one epoch and what derives from it (protocol README §2–§3): the next
 * epoch's secret after a join, each sender's SFrame base key, and (see {@link VerificationCode})
 * the verification code. Immutable; {@link #toString()} never shows the secret.
 */
public final class EpochSecret {

    /** Length of an epoch secret in bytes. */
    public static final int LENGTH = 32;
    /** The largest epoch number: epochs stay below 2^47 so that a KID stays below 2^63. */
    public static final long MAX_EPOCH = (1L << 47) - 1;

    private static final byte[] RATCHET_SALT = Encoding.utf8("parley/1 ratchet");
    private static final byte[] SENDER_SALT = Encoding.utf8("parley/1 sender");

    private final long epoch;
    private final byte[] secret;

    private EpochSecret(long epoch, byte[] secret) {
        if (epoch < 0 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("epoch must be 0–" + MAX_EPOCH + ", got " + epoch);
        }
        if (secret.length != LENGTH) {
            throw new IllegalArgumentException("an epoch secret is " + LENGTH + " bytes, got " + secret.length);
        }
        this.epoch = epoch;
        this.secret = secret;
    }

    /** The secret of {@code epoch} with these bytes (copied), e.g. as opened from a KEY payload. */
    public static EpochSecret of(long epoch, byte[] secret) {
        return new EpochSecret(epoch, Objects.requireNonNull(secret, "secret").clone());
    }

    /**
     * A fresh random secret for {@code epoch}: epoch 0 when the first keyholder starts the session,
     * or the epoch after a leave or removal (README §2), which the leaver cannot compute.
     */
    public static EpochSecret random(long epoch, SecureRandom random) {
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        return new EpochSecret(epoch, secret);
    }

    /** The epoch after a leave: fresh random bytes, one epoch number up. */
    public EpochSecret afterLeave(SecureRandom random) {
        return random(nextEpoch(), random);
    }

    /**
     * The epoch after a join (README §2): {@code HKDF-Expand(HKDF-Extract("parley/1 ratchet",
     * secret), "parley/1 join" || u64(e+1), 32)}. One-way, so the newcomer cannot go back.
     */
    public EpochSecret afterJoin() {
        long next = nextEpoch();
        byte[] info = Encoding.of("parley/1 join").u64(next).toBytes();
        return new EpochSecret(next, Hkdf.sha256().derive(RATCHET_SALT, secret, info, LENGTH));
    }

    /** The epoch number. */
    public long epoch() {
        return epoch;
    }

    /** A copy of the 32 secret bytes (to seal in a KEY payload or write a test vector). */
    public byte[] bytes() {
        return secret.clone();
    }

    /** The KID of {@code sender} in this epoch. */
    public Kid kid(int sender) {
        return new Kid(epoch, sender);
    }

    /**
     * The sender's SFrame {@code base_key} (README §3): {@code HKDF-Expand(HKDF-Extract("parley/1
     * sender", secret), "parley/1 sender" || u64(epoch) || u16(sender), Nh)}, always HKDF-SHA256.
     */
    public byte[] senderBaseKey(int sender, CipherSuite suite) {
        Kid kid = kid(sender); // validates the sender id
        byte[] info = Encoding.of("parley/1 sender").u64(epoch).u16(kid.sender()).toBytes();
        return Hkdf.sha256().derive(SENDER_SALT, secret, info, suite.hashLength());
    }

    /** The sender's SFrame key and salt for this epoch. */
    public SFrameKey senderKey(int sender, CipherSuite suite) {
        return SFrameKey.derive(suite, kid(sender).value(), senderBaseKey(sender, suite));
    }

    /** The verification code of this epoch for these participants' public keys (README §6). */
    public VerificationCode verificationCode(Iterable<byte[]> publicKeys) {
        return VerificationCode.of(secret, publicKeys);
    }

    /** Same epoch and same secret, compared in constant time. */
    public boolean sameAs(EpochSecret other) {
        return epoch == other.epoch && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public String toString() {
        return "EpochSecret[epoch=" + epoch + ", secret=(hidden)]";
    }

    private long nextEpoch() {
        if (epoch == MAX_EPOCH) {
            throw new IllegalStateException("epoch " + MAX_EPOCH + " is the last one");
        }
        return epoch + 1;
    }
}
