package org.parley.machine;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.Account;
import org.parley.account.AccountFeature;
import org.parley.config.PublicUrl;
import org.parley.relay.RelayFeature;
import org.parley.relay.RoomGate;
import org.parley.security.RateLimiter;
import org.parley.security.ServerSecrets;

/**
 * The machines feature assembled by the composition root: enrolment, access, grants,
 * connections, the relay gate for machines' rooms, and its part of deleting an account.
 */
public final class MachineFeature {
    private final AccountFeature accounts;
    private final PublicUrl base;
    private final Clock clock;
    private final MachineStore store;
    private final Machines machines;
    private final Enrolment enrolment;
    private final Connections connections;
    private final MachineGate gate;

    public MachineFeature(Jdbi jdbi, AccountFeature accounts, PublicUrl base, Clock clock, RelayFeature relay) {
        this.accounts = accounts;
        this.base = base;
        this.clock = clock;
        this.store = new MachineStore(jdbi);
        var log = new ConnectionLog(jdbi);
        var presence = new Presence();
        this.machines = new Machines(store, presence, relay, clock);
        this.enrolment = new Enrolment(jdbi, store, log, new ServerSecrets(jdbi).key("machine-pairing"), clock);
        this.connections = new Connections(machines, log, clock);
        this.gate = new MachineGate(machines, connections, store, presence, relay);
        accounts.onDelete(this::erase);
    }

    public void registerRoutes(RoutesConfig routes, boolean trustProxy) {
        var agent = new AgentRoutes(this, new RateLimiter("machine enrolments per IP", 10, Duration.ofHours(1), clock),
                new RateLimiter("machine events per machine", 120, Duration.ofMinutes(10), clock), trustProxy);
        agent.register(routes);
        new MachineRoutes(this, accounts.guard(), agent,
                new RateLimiter("machine connections per account", 20, Duration.ofMinutes(10), clock), trustProxy).register(routes);
    }

    /** Machines' relay rooms: add it to the relay before its routes are registered. */
    public RoomGate gate() {
        return gate;
    }

    /**
     * Deletes machines nobody approved within their 30 minutes, forgets tickets that ran out
     * unused, and drops connection rows older than a year. The server runs it periodically.
     */
    public int purgeExpired() {
        return enrolment.purgeExpired();
    }

    /**
     * A deleted owner's machines go, with their grants and connection lists; a deleted
     * technician's grants go and their rows in others' lists keep only times and outcome. Live
     * connections are closed once the deletion is committed (closing records the leave, which
     * must not wait on this transaction's locks).
     */
    private void erase(Handle h, Account account) {
        var owned = store.ownedIds(h, account.id());
        var granted = store.grantedIds(h, account.email());
        store.deleteOwned(h, account.id());
        store.deleteGrants(h, account.email());
        connections.log().anonymise(h, account);
        h.afterCommit(() -> {
            owned.forEach(id -> machines.closeRoom(id, "This computer's owner deleted their Parley account."));
            granted.forEach(id -> machines.closeCaller(id, account.id(), "Your Parley account was deleted."));
        });
    }

    Machines machines() {
        return machines;
    }

    Enrolment enrolment() {
        return enrolment;
    }

    Connections connections() {
        return connections;
    }

    PublicUrl base() {
        return base;
    }

    Clock clock() {
        return clock;
    }
}
