package org.parley.agent;

import java.security.SecureRandom;
import java.util.UUID;
import org.parley.protocol.keys.EpochSecret;
import org.parley.protocol.keys.KeyDelivery;
import org.parley.protocol.keys.ParticipantKeyPair;
import org.parley.protocol.keys.SessionKeys;
import org.parley.protocol.sframe.CipherSuite;

/**
 * A dry run of a session's cryptography with throw-away keys, nothing sent: a key pair, an epoch
 * secret sealed and opened (HPKE, as the keyholder delivers it), a frame sealed and opened (SFrame).
 * The first run of each costs most — seeding the random generator, Bouncy Castle's tables, code
 * not yet compiled — so doing it while the person types keeps that out of the time after Start.
 */
final class KeyRehearsal {
    private static final int KEYHOLDER = 1;
    private static final int CUSTOMER = 2;

    private KeyRehearsal() {
    }

    static void run() {
        try {
            var random = new SecureRandom();
            var keyholder = ParticipantKeyPair.generate(random);
            var customer = ParticipantKeyPair.generate(random);
            UUID session = UUID.randomUUID();
            var sending = new SessionKeys(KEYHOLDER, CipherSuite.AES_128_GCM_SHA256_128);
            EpochSecret secret = sending.start(random);
            byte[] delivered = KeyDelivery.seal(session, secret, CUSTOMER, customer.publicKey(), keyholder);
            var receiving = new SessionKeys(CUSTOMER, CipherSuite.AES_128_GCM_SHA256_128);
            receiving.install(KeyDelivery.open(session, CUSTOMER, customer, keyholder.publicKey(), delivered));
            sending.open(CUSTOMER, receiving.seal(new byte[16 * 1024]));
        } catch (Exception | LinkageError e) {
            // a rehearsal only: the real session reports its own failures
            AgentLog.info("key rehearsal failed (the session will still try): " + e);
        }
    }
}
