package org.parley.machine;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.parley.relay.Entrant;

/**
 * A caller (owner or technician) in a machine's room, entered with the ticket of one connection
 * attempt: its arrival and departure are that attempt's row. Also how the feature finds a
 * technician's live connection to close it.
 */
record CallerStay(UUID connectionId, Optional<UUID> accountId, Optional<String> email, ConnectionLog log)
        implements Entrant.StayLog {

    @Override
    public long joined(int participant, Instant at) {
        log.connected(connectionId, participant, at);
        return 0;
    }

    @Override
    public void left(long stay, Instant at) {
        log.ended(connectionId, at);
    }

    static boolean isCaller(Entrant entrant) {
        return entrant.stays() instanceof CallerStay;
    }

    static boolean isAccount(Entrant entrant, UUID accountId) {
        return entrant.stays() instanceof CallerStay c && c.accountId().map(accountId::equals).orElse(false);
    }

    static boolean isEmail(Entrant entrant, String email) {
        return entrant.stays() instanceof CallerStay c && c.email().map(email::equals).orElse(false);
    }
}
