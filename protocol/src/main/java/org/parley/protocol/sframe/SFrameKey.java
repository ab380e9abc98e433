package org.parley.protocol.sframe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.parley.protocol.sframe.SFrameException.Reason;

/**
 * The AEAD key and salt of one KID (RFC 9605 §4.4.2), and sealing and opening of whole SFrame
 * ciphertexts with them (§4.4.3): {@code frame = header || ciphertext || tag}, AAD = header ||
 * metadata, nonce = salt XOR CTR.
 *
 * <p>Holds one JCE {@link Cipher}, re-initialised per frame rather than created per frame (the hot
 * path). Cipher use is serialised on this object, so an instance is thread-safe; since each sender
 * has its own KID, threads handling different senders never contend.
 */
public final class SFrameKey {

    private static final byte[] EMPTY = new byte[0];
    private static final int TAG_BITS = CipherSuite.TAG_LENGTH * 8;

    private final CipherSuite suite;
    private final long kid;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final Cipher cipher;

    private SFrameKey(CipherSuite suite, long kid, byte[] key, byte[] salt) {
        this.suite = suite;
        this.kid = kid;
        this.key = new SecretKeySpec(key, "AES");
        this.salt = salt;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM/NoPadding", e);
        }
    }

    /**
     * Derives {@code sframe_key} and {@code sframe_salt} of a KID from its base key (RFC 9605
     * §4.4.2): {@code secret = HKDF-Extract("", base_key)}, then HKDF-Expand with the labels
     * {@code "SFrame 1.0 Secret key " || u64(KID) || u16(suite)} and
     * {@code "SFrame 1.0 Secret salt " || u64(KID) || u16(suite)}.
     */
    public static SFrameKey derive(CipherSuite suite, long kid, byte[] baseKey) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(baseKey, "baseKey");
        byte[] secret = suite.hkdf().extract(EMPTY, baseKey);
        byte[] key = suite.hkdf().expand(secret, label("SFrame 1.0 Secret key ", kid, suite), suite.keyLength());
        byte[] salt = suite.hkdf().expand(secret, label("SFrame 1.0 Secret salt ", kid, suite), CipherSuite.NONCE_LENGTH);
        Arrays.fill(secret, (byte) 0);
        return new SFrameKey(suite, kid, key, salt);
    }

    /** The cipher suite. */
    public CipherSuite suite() {
        return suite;
    }

    /** The KID this key belongs to (unsigned). */
    public long kid() {
        return kid;
    }

    /** A copy of {@code sframe_key}, for test vectors. */
    public byte[] key() {
        return key.getEncoded();
    }

    /** A copy of {@code sframe_salt}, for test vectors. */
    public byte[] salt() {
        return salt.clone();
    }

    /** The AEAD nonce of a counter: salt XOR CTR, CTR big-endian in the last 8 bytes (RFC 9605 §4.4.3). */
    public byte[] nonce(long ctr) {
        byte[] nonce = salt.clone();
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[CipherSuite.NONCE_LENGTH - 1 - i] ^= (byte) (ctr >>> (8 * i));
        }
        return nonce;
    }

    /**
     * Seals one frame with counter {@code ctr}. The caller guarantees each counter is used once per
     * key (RFC 9605 §4.4.3); a JCE that notices a repeat refuses with an {@link IllegalStateException}.
     *
     * @param metadata authenticated, not sent (RFC 9605 §4.4.3); may be empty
     * @return header || ciphertext || tag
     */
    public byte[] seal(long ctr, byte[] metadata, byte[] plaintext) {
        SFrameHeader header = new SFrameHeader(kid, ctr);
        int headerLength = header.encodedLength();
        byte[] frame = new byte[headerLength + plaintext.length + CipherSuite.TAG_LENGTH];
        header.encodeInto(frame, 0);
        synchronized (this) {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(ctr)));
                cipher.updateAAD(frame, 0, headerLength);
                cipher.updateAAD(metadata);
                cipher.doFinal(plaintext, 0, plaintext.length, frame, headerLength);
            } catch (InvalidAlgorithmParameterException e) {
                throw new IllegalStateException("KID " + Long.toUnsignedString(kid) + ": counter "
                        + Long.toUnsignedString(ctr) + " refused for sealing (reused?)", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM seal failed for KID " + Long.toUnsignedString(kid), e);
            }
        }
        return frame;
    }

    /**
     * Opens a whole frame sealed with this key, after checking its header names this KID.
     *
     * @throws SFrameException on a bad header, another KID, or a tag that does not verify
     */
    public byte[] open(byte[] frame, byte[] metadata) throws SFrameException {
        SFrameHeader header = SFrameHeader.decode(frame, 0, frame.length);
        if (header.kid() != kid) {
            throw new SFrameException(Reason.UNKNOWN_EPOCH, "frame has KID " + Long.toUnsignedString(header.kid())
                    + ", this key is for KID " + Long.toUnsignedString(kid));
        }
        return open(header, frame, 0, frame.length, metadata);
    }

    /**
     * Opens {@code frame[offset, offset + length)} whose header, already decoded, is {@code header}
     * and names this key's KID. Checks nothing but the tag.
     *
     * @throws SFrameException {@link Reason#TRUNCATED_CIPHERTEXT} or {@link Reason#BAD_TAG}
     */
    public byte[] open(SFrameHeader header, byte[] frame, int offset, int length, byte[] metadata)
            throws SFrameException {
        int headerLength = header.encodedLength();
        int sealedLength = length - headerLength;
        if (sealedLength < CipherSuite.TAG_LENGTH) {
            throw new SFrameException(Reason.TRUNCATED_CIPHERTEXT,
                    sealedLength + " bytes after the header, the tag alone is " + CipherSuite.TAG_LENGTH);
        }
        byte[] plaintext = new byte[sealedLength - CipherSuite.TAG_LENGTH];
        synchronized (this) {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(header.ctr())));
                cipher.updateAAD(frame, offset, headerLength);
                cipher.updateAAD(metadata);
                cipher.doFinal(frame, offset + headerLength, sealedLength, plaintext, 0);
            } catch (AEADBadTagException e) {
                throw new SFrameException(Reason.BAD_TAG, "KID " + Long.toUnsignedString(kid)
                        + " CTR " + Long.toUnsignedString(header.ctr()) + ": tag does not verify");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM open failed for KID " + Long.toUnsignedString(kid), e);
            }
        }
        return plaintext;
    }

    @Override
    public String toString() {
        return "SFrameKey[" + suite + ", kid=" + Long.toUnsignedString(kid) + "]";
    }

    private static byte[] label(String prefix, long kid, CipherSuite suite) {
        byte[] text = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] label = Arrays.copyOf(text, text.length + Long.BYTES + Short.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            label[text.length + i] = (byte) (kid >>> (8 * (Long.BYTES - 1 - i)));
        }
        label[label.length - 2] = (byte) (suite.id() >>> 8);
        label[label.length - 1] = (byte) suite.id();
        return label;
    }
}
