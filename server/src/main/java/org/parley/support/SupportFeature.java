package org.parley.support;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.parley.account.AccountFeature;
import org.parley.config.PublicUrl;
import org.parley.relay.RelayFeature;
import org.parley.relay.RoomGate;
import org.parley.security.RateLimiter;
import org.parley.security.ServerSecrets;

/** Remote support assembled by the composition root: sessions, keys, teams, routes, the relay gate. */
public final class SupportFeature {
    private final SupportStore store;
    private final SupportSessions sessions;
    private final SupportTeams teams;
    private final AccountFeature accounts;
    private final PublicUrl base;
    private final Clock clock;
    private final RelayFeature relay;

    public SupportFeature(Jdbi jdbi, AccountFeature accounts, PublicUrl base, Clock clock, RelayFeature relay) {
        this.store = new SupportStore(jdbi);
        this.accounts = accounts;
        this.base = base;
        this.clock = clock;
        this.relay = relay;
        // nobody is in any room of a node that just started (the relay is per node): customers whose
        // session was running get the reconnect grace from now, and their agents come back within it
        store.everyCustomerAway(clock.instant());
        this.sessions = new SupportSessions(store, new SupportKey(new ServerSecrets(jdbi).key("support-key")), accounts.accounts(),
                relay, clock);
        this.teams = new SupportTeams(store, accounts.accounts(), clock);
        // a technician's sessions stay in their team's history as "Deleted account" (technician_id set null by the schema)
        accounts.onDelete((h, account) -> SupportStore.deleteOrphanTeams(h));
    }

    public void registerRoutes(RoutesConfig routes, boolean trustProxy) {
        new SupportRoutes(this, accounts.guard(), base, trustProxy, KeyGuessing.standard(clock),
                new RateLimiter("support sessions opened per account", 60, Duration.ofMinutes(10), clock)).register(routes);
        new TeamRoutes(this, accounts.guard(), base, trustProxy,
                new RateLimiter("support requests per IP", 10, Duration.ofMinutes(10), clock)).register(routes);
    }

    public RoomGate gate() {
        return new SupportGate(store, sessions, relay, clock);
    }

    /** Ends the sessions whose customer lost their connection and did not come back in time; run every few seconds. */
    public int endAbandoned() {
        return sessions.endAbandoned();
    }

    /** Forgets support keys nobody used in time; the server runs it every minute. */
    public int forgetExpiredKeys() {
        return sessions.forgetExpiredKeys();
    }

    SupportStore store() {
        return store;
    }

    SupportSessions sessions() {
        return sessions;
    }

    SupportTeams teams() {
        return teams;
    }

    Clock clock() {
        return clock;
    }
}
