package org.parley.machine;

import java.time.Instant;
import java.util.UUID;
import org.parley.relay.Entrant;

/**
 * A caller (owner or technician) in a machine's room, entered with the ticket of one connection
 * attempt: its arrival and departure are that attempt's row. Also how the feature finds a
 * technician's live connection to close it.
 */
record CallerStay(UUID machineId, ConnectionLog.Redeemed caller, Connections connections) implements Entrant.StayLog {

    /** Refuses the join (closing the connection with the reason) if the caller was shut out since the gate. */
    @Override
    public long joined(int participant, Instant at) {
        connections.joining(machineId, caller, at);
        connections.log().connected(caller.connectionId(), participant, at);
        return 0;
    }

    @Override
    public void left(long stay, Instant at) {
        connections.log().ended(caller.connectionId(), at);
    }

    static boolean isCaller(Entrant entrant) {
        return entrant.stays() instanceof CallerStay;
    }

    static boolean isAccount(Entrant entrant, UUID accountId) {
        return entrant.stays() instanceof CallerStay c && c.caller().accountId().map(accountId::equals).orElse(false);
    }

    static boolean isEmail(Entrant entrant, String email) {
        return entrant.stays() instanceof CallerStay c && c.caller().email().map(email::equals).orElse(false);
    }
}
