package org.parley.protocol.keys;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.protocol.Hkdf;

/**
 * The key that authenticates remote-control input between one presenter and one controller alone
 * (protocol README §9.1). The group key lets every member of an epoch derive every sender's SFrame
 * key, so SFrame proves only "a member sent this"; this key comes from the two participants' JOIN
 * X25519 keys, which neither the relay nor a third member can compute:
 * {@code inputKey = HKDF-SHA256(salt = "parley/1 input", ikm = X25519(sk_self, pk_peer), info =
 * "parley/1 input" || sessionId || u16(presenterId) || u16(controllerId) || pk_presenter || pk_controller, 32)}.
 *
 * <p>A 0x11 body is {@code u64(seq) || tag(32) || json}, with {@code tag = HMAC-SHA256(inputKey,
 * "parley/1 input event" || u64(epoch) || u64(seq) || json)} and {@code epoch} the epoch of the
 * SFrame frame that carries it. The replay rule (seq strictly increasing) is the presenter's to keep.
 * Two instances are equal when they bind the same session, ids and public keys, so the same key.
 * Immutable and thread-safe.
 */
public final class InputKey {

    /** Bytes before the JSON in a 0x11 body: {@code u64 seq} and the 32-byte tag. */
    public static final int HEADER_LENGTH = 8 + 32;
    private static final int KEY_LENGTH = 32;
    private static final byte[] SALT = Encoding.utf8("parley/1 input");

    private final byte[] key;
    private final UUID sessionId;
    private final int presenterId;
    private final int controllerId;
    private final byte[] presenterPublicKey;
    private final byte[] controllerPublicKey;

    /** An input event whose tag verified: its sequence number and its JSON. */
    public record Event(long seq, byte[] json) {
    }

    private InputKey(byte[] key, UUID sessionId, int presenterId, byte[] presenterPublicKey, int controllerId,
            byte[] controllerPublicKey) {
        this.key = key;
        this.sessionId = sessionId;
        this.presenterId = presenterId;
        this.controllerId = controllerId;
        this.presenterPublicKey = presenterPublicKey;
        this.controllerPublicKey = controllerPublicKey;
    }

    /**
     * The key between presenter and controller, computed by either of them with its own key pair
     * ({@code self} must be the presenter's or the controller's, by public key).
     *
     * @throws IllegalArgumentException if the ids are not two different ids 1–65535, a public key is not
     *     32 bytes, {@code self} is neither party, or the peer's key is a small-order point (RFC 7748 §6.1)
     */
    public static InputKey derive(ParticipantKeyPair self, UUID sessionId, int presenterId, byte[] presenterPublicKey,
            int controllerId, byte[] controllerPublicKey) {
        Objects.requireNonNull(sessionId, "sessionId");
        participantId(presenterId, "presenter");
        participantId(controllerId, "controller");
        if (presenterId == controllerId) {
            throw new IllegalArgumentException("presenter and controller must differ, both are " + presenterId);
        }
        byte[] presenter = publicKey(presenterPublicKey, "presenter");
        byte[] controller = publicKey(controllerPublicKey, "controller");
        byte[] own = self.publicKey();
        byte[] peer;
        if (Arrays.equals(own, presenter)) {
            peer = controller;
        } else if (Arrays.equals(own, controller)) {
            peer = presenter;
        } else {
            throw new IllegalArgumentException("this key pair is neither the presenter's nor the controller's");
        }
        byte[] shared = self.agree(peer);
        byte[] info = Encoding.of("parley/1 input").uuid(sessionId).u16(presenterId).u16(controllerId)
                .bytes(presenter).bytes(controller).toBytes();
        byte[] key = Hkdf.sha256().derive(SALT, shared, info, KEY_LENGTH);
        Arrays.fill(shared, (byte) 0);
        return new InputKey(key, sessionId, presenterId, presenter, controllerId, controller);
    }

    /** The presenter's participant id. */
    public int presenterId() {
        return presenterId;
    }

    /** The controller's participant id. */
    public int controllerId() {
        return controllerId;
    }

    /** A copy of the 32 key bytes, for the test vectors. */
    byte[] keyBytes() {
        return key.clone();
    }

    /**
     * The 0x11 body (after the kind byte) for input event {@code json}, to be sealed in epoch
     * {@code epoch}. The controller gives each event under this key a larger {@code seq} than the last.
     *
     * @throws IllegalArgumentException if {@code seq} is not positive or {@code epoch} is negative
     */
    public byte[] authenticate(long epoch, long seq, byte[] json) {
        if (seq <= 0 || epoch < 0) {
            throw new IllegalArgumentException("seq must be positive and epoch not negative, got seq " + seq + ", epoch " + epoch);
        }
        byte[] body = new byte[HEADER_LENGTH + json.length];
        for (int i = 0; i < 8; i++) {
            body[i] = (byte) (seq >>> (56 - 8 * i));
        }
        System.arraycopy(tag(epoch, seq, json), 0, body, 8, 32);
        System.arraycopy(json, 0, body, HEADER_LENGTH, json.length);
        return body;
    }

    /**
     * The event in a 0x11 {@code body} that arrived in a frame of epoch {@code epoch}, if its tag
     * verifies under this key (compared in constant time); empty if not, or if the body is too short
     * or names a sequence number below 1. Does not check for replays.
     */
    public Optional<Event> open(long epoch, byte[] body) {
        if (body.length < HEADER_LENGTH || epoch < 0) {
            return Optional.empty();
        }
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            seq = (seq << 8) | (body[i] & 0xff);
        }
        if (seq <= 0) {
            return Optional.empty();
        }
        byte[] json = Arrays.copyOfRange(body, HEADER_LENGTH, body.length);
        byte[] tag = Arrays.copyOfRange(body, 8, HEADER_LENGTH);
        return MessageDigest.isEqual(tag(epoch, seq, json), tag) ? Optional.of(new Event(seq, json)) : Optional.empty();
    }

    private byte[] tag(long epoch, long seq, byte[] json) {
        byte[] message = Encoding.of("parley/1 input event").u64(epoch).u64(seq).bytes(json).toBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static void participantId(int id, String whose) {
        if (id < 1 || id > Kid.MAX_SENDER) {
            throw new IllegalArgumentException("the " + whose + "'s id must be 1–" + Kid.MAX_SENDER + ", got " + id);
        }
    }

    private static byte[] publicKey(byte[] value, String whose) {
        Objects.requireNonNull(value, whose + "PublicKey");
        if (value.length != ParticipantKeyPair.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("the " + whose + "'s public key must be " + ParticipantKeyPair.PUBLIC_KEY_LENGTH
                    + " bytes, got " + value.length);
        }
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputKey k && k.sessionId.equals(sessionId) && k.presenterId == presenterId
                && k.controllerId == controllerId && Arrays.equals(k.presenterPublicKey, presenterPublicKey)
                && Arrays.equals(k.controllerPublicKey, controllerPublicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, presenterId, controllerId, Arrays.hashCode(presenterPublicKey),
                Arrays.hashCode(controllerPublicKey));
    }

    @Override
    public String toString() {
        return "InputKey[presenter=" + presenterId + ", controller=" + controllerId + ", key=(hidden)]";
    }
}
