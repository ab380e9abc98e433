package org.parley.protocol;

import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF (RFC 5869) over Bouncy Castle's {@link HKDFBytesGenerator}, the one key derivation function
 * of the protocol. {@code javax.crypto.KDF} does not exist at {@code --release 21}.
 *
 * <p>An empty or {@code null} salt means a string of HashLen zero bytes (RFC 5869 §2.2), which is
 * what WebCrypto's {@code HKDF} does with an empty {@code salt}. Instances are immutable and
 * thread-safe: each call uses a fresh digest.
 */
public final class Hkdf {

    private static final Hkdf SHA256 = new Hkdf(SHA256Digest::new);
    private static final Hkdf SHA512 = new Hkdf(SHA512Digest::new);
    private static final byte[] EMPTY = new byte[0];

    private final Supplier<Digest> digest;

    private Hkdf(Supplier<Digest> digest) {
        this.digest = digest;
    }

    /** HKDF-SHA256, used by the key schedule and by SFrame suite 0x0004. */
    public static Hkdf sha256() {
        return SHA256;
    }

    /** HKDF-SHA512, used by SFrame suite 0x0005. */
    public static Hkdf sha512() {
        return SHA512;
    }

    /** HKDF-Extract(salt, ikm) (RFC 5869 §2.2): a pseudorandom key of HashLen bytes. */
    public byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        return new HKDFBytesGenerator(digest.get()).extractPRK(salt == null ? EMPTY : salt, ikm);
    }

    /** HKDF-Expand(prk, info, length) (RFC 5869 §2.3). */
    public byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        return generate(HKDFParameters.skipExtractParameters(prk, info), length);
    }

    /**
     * HKDF-Expand(HKDF-Extract(salt, ikm), info, length): what WebCrypto's {@code deriveBits} with
     * {@code {name: "HKDF"}} computes, so every derivation the JavaScript client must repeat uses this.
     */
    public byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        Objects.requireNonNull(ikm, "ikm");
        return generate(new HKDFParameters(ikm, salt, info), length);
    }

    private byte[] generate(HKDFParameters parameters, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("HKDF output length must be positive, got " + length);
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(digest.get());
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
