package org.parley.machine;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.relay.Entrant;
import org.parley.relay.RelayFeature;
import org.parley.relay.RoomGate;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Machines' rooms. The machine's agent enters with its token ({@code Authorization: Bearer}) as
 * the keyholder ({@code organizer}), named after the machine; a caller enters once with the
 * ticket from its connection attempt ({@code ?ticket=}) as {@code owner} or {@code technician}.
 * Anyone else gets 404, and 401 when they bring no credential at all.
 */
final class MachineGate implements RoomGate {
    static final String AGENT_ROLE = "organizer";
    private final Machines machines;
    private final Connections connections;
    private final MachineStore store;
    private final Presence presence;
    private final RelayFeature relay;

    MachineGate(Machines machines, Connections connections, MachineStore store, Presence presence, RelayFeature relay) {
        this.machines = machines;
        this.connections = connections;
        this.store = store;
        this.presence = presence;
        this.relay = relay;
    }

    @Override
    public String path() {
        return "/api/v1/machines/{id}/relay";
    }

    @Override
    public Entrant admit(Context ctx, UUID id, Optional<Account> account) {
        Optional<String> token = AgentRoutes.bearer(ctx);
        String ticket = ctx.queryParam("ticket");
        if (token.isPresent()) {
            return agent(id, token.get());
        }
        if (ticket != null) {
            return caller(id, ticket, account);
        }
        throw account.isEmpty() ? ParleyException.unauthenticated() : ParleyException.notFound();
    }

    private Entrant agent(UUID id, String token) {
        Machine m;
        try {
            m = machines.byToken(token);
        } catch (ParleyException unknown) {
            throw ParleyException.notFound();
        }
        if (!m.id().equals(id)) {
            throw ParleyException.notFound();
        }
        if (m.ownerId().isEmpty()) {
            throw new ParleyException(Failure.FORBIDDEN, "This computer is not approved yet: enter its pairing code on the "
                    + "Machines page first.");
        }
        if (m.access() == Status.REVOKED) {
            throw m.revoked();
        }
        // one agent per machine: a reconnecting agent replaces a connection the network left half-open
        relay.evict(id, e -> e.stays() instanceof AgentStay, Failure.CONFLICT,
                "This computer connected again; this older connection is closed.");
        return new Entrant(id, AGENT_ROLE, m.name(), new AgentStay(id, presence, store));
    }

    private Entrant caller(UUID id, String ticket, Optional<Account> account) {
        Machine m = machines.find(id).orElseThrow(ParleyException::notFound);
        var caller = connections.redeem(m, ticket, account);
        return new Entrant(id, caller.role(), caller.name(), new CallerStay(id, caller, connections));
    }
}
