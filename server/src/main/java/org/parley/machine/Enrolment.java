package org.parley.machine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.parley.account.Account;
import org.parley.security.RateLimiter;
import org.parley.security.SecretToken;
import org.parley.web.ClientInfo;
import org.parley.web.Failure;
import org.parley.web.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine's way in: it enrols without an account and gets its token and a pairing code; a
 * signed-in person who types the code becomes its owner. Wrong codes are counted per account and
 * per IP, so the 2^40 codes cannot be searched.
 */
final class Enrolment {
    static final Duration PAIRING_TIME = Duration.ofMinutes(30);
    static final String WRONG_CODE = "No computer is waiting with this pairing code. Check the code shown on the computer; "
            + "codes expire after 30 minutes.";
    private static final Logger security = LoggerFactory.getLogger(org.parley.security.SecurityLog.LOGGER);
    private static final String UNIQUE_VIOLATION = "23505";
    private final Jdbi jdbi;
    private final MachineStore store;
    private final ConnectionLog log;
    private final byte[] pairingKey;
    private final RateLimiter codesPerAccount;
    private final RateLimiter codesPerIp;
    private final Clock clock;

    Enrolment(Jdbi jdbi, MachineStore store, ConnectionLog log, byte[] pairingKey, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.log = log;
        this.pairingKey = pairingKey;
        this.codesPerAccount = new RateLimiter("wrong pairing codes per account", 10, Duration.ofMinutes(10), clock);
        this.codesPerIp = new RateLimiter("wrong pairing codes per IP", 30, Duration.ofMinutes(10), clock);
        this.clock = clock;
    }

    /** What a newly enrolled machine is told, once: its token and code are not kept in clear anywhere. */
    record Enrolled(UUID id, SecretToken token, PairingCode code, Instant expiresAt) {
    }

    Enrolled enrol(String name, ClientInfo client) {
        Instant now = clock.instant();
        Instant expires = now.plus(PAIRING_TIME);
        UUID id = UUID.randomUUID();
        SecretToken token = SecretToken.generate();
        for (int attempt = 1; ; attempt++) {
            PairingCode code = PairingCode.generate();
            try {
                store.insert(id, name, token.hash(), code.hash(pairingKey), expires, now);
                security.atInfo().addKeyValue("machine", id).addKeyValue("ip", client.ip()).log("machine enrolled");
                return new Enrolled(id, token, code, expires);
            } catch (UnableToExecuteStatementException e) {
                // another waiting machine has this code (about one in 10^12 with many waiting): draw again
                if (attempt == 3 || !violatesUniqueIndex(e)) {
                    throw e;
                }
            }
        }
    }

    UUID approve(Account who, String typed, ClientInfo client) {
        PairingCode code = PairingCode.parse(typed);
        // every attempt is counted before the lookup and given back when the code was right:
        // counting wrong ones after it let parallel guesses all pass the check before any was counted
        codesPerAccount.charge(who.id().toString());
        codesPerIp.charge(client.ip());
        var approved = store.approve(code.hash(pairingKey), who.id(), clock.instant());
        if (approved.isEmpty()) {
            security.atWarn().addKeyValue("account", who.id()).addKeyValue("ip", client.ip()).log("machine pairing code wrong");
            throw new ParleyException(Failure.NOT_FOUND, WRONG_CODE);
        }
        codesPerAccount.release(who.id().toString());
        codesPerIp.release(client.ip());
        security.atInfo().addKeyValue("machine", approved.get()).addKeyValue("account", who.id()).addKeyValue("ip", client.ip())
                .log("machine approved");
        return approved.get();
    }

    /** Drops machines nobody approved in time, unused tickets that ran out, and old connection rows. */
    int purgeExpired() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int purged = store.purgeUnapproved(h, now);
            log.purge(h, now);
            return purged;
        });
    }

    private static boolean violatesUniqueIndex(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
