package org.parley.machine;

import java.time.Instant;
import java.util.UUID;
import org.parley.relay.Entrant;

/** The machine's own agent in its room: while it is there the machine is online. */
record AgentStay(UUID machineId, Presence presence, MachineStore store) implements Entrant.StayLog {

    @Override
    public long joined(int participant, Instant at) {
        presence.arrived(machineId);
        store.seen(machineId, at);
        return 0;
    }

    @Override
    public void left(long stay, Instant at) {
        presence.departed(machineId);
        store.seen(machineId, at);
    }
}
