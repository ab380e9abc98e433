package org.parley.support;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.account.Account;
import org.parley.relay.Entrant;
import org.parley.relay.RelayFeature;
import org.parley.relay.RoomGate;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Support sessions' rooms. The technician is the keyholder ({@code organizer}, protocol §8); the
 * customer comes with the ticket the key bought ({@code customer}); invited colleagues and team
 * members may come in as {@code technician} — but the customer's agent shows them nothing until
 * the customer consents to each one. When the customer leaves, the session is over; when their
 * connection is lost, it waits a while for them to come back.
 */
final class SupportGate implements RoomGate {
    private final SupportStore store;
    private final SupportSessions sessions;
    private final RelayFeature relay;
    private final Clock clock;
    /** Customer connections in each session's room on this node (more than one only while one replaces another). */
    private final ConcurrentHashMap<UUID, Integer> customersPresent = new ConcurrentHashMap<>();

    SupportGate(SupportStore store, SupportSessions sessions, RelayFeature relay, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public String path() {
        return "/api/v1/support-sessions/{id}/relay";
    }

    @Override
    public Entrant admit(Context ctx, UUID id, Optional<Account> account) {
        String ticket = ctx.queryParam("ticket");
        if (ticket != null) {
            if (!SecretToken.wellFormed(ticket)) {
                throw ParleyException.notFound();
            }
            SupportSession session = store.byTicket(id, new SecretToken(ticket).hash()).orElseThrow(ParleyException::notFound);
            return new Entrant(id, "customer", session.customerName().orElse("Customer"), new CustomerStay(id));
        }
        Account who = account.orElseThrow(ParleyException::unauthenticated);
        SupportSession session = store.find(id).orElseThrow(ParleyException::notFound);
        String role = sessions.roleOf(who, session);
        if (!session.open(clock.instant())) {
            throw new ParleyException(Failure.GONE, "This support session has ended.");
        }
        return new Entrant(id, role.equals("technician") ? "organizer" : "technician", who.fullName(), Entrant.StayLog.NONE,
                Optional.of(who.id()));
    }

    /**
     * One customer connection. A goodbye (End session) or the server closing the last customer
     * connection ends the session; a lost connection leaves it waiting for the customer's agent to
     * come back with the same ticket ({@link SupportSessions#RECONNECT_GRACE}). A newer connection
     * replaces an older one the network left half-open.
     */
    private final class CustomerStay implements Entrant.StayLog {
        private final UUID session;

        CustomerStay(UUID session) {
            this.session = session;
        }

        // arrivals and losses of one session's customer connections, with their database writes, run
        // one at a time (compute on the session's entry): a late "away" cannot overwrite a newer arrival

        @Override
        public long joined(int participant, Instant at) {
            boolean[] open = {false};
            customersPresent.compute(session, (id, n) -> {
                // the session may have ended since the upgrade was let through (up to the join timeout ago)
                open[0] = store.customerConnected(session, at);
                if (!open[0]) {
                    return n;
                }
                return n == null ? 1 : n + 1;
            });
            if (!open[0]) {
                throw new ParleyException(Failure.GONE, "This support session has ended.");
            }
            relay.evict(session, e -> e.stays() instanceof CustomerStay other && other != this, Failure.CONFLICT,
                    "The customer connected again; this older connection is closed.");
            return 0;
        }

        @Override
        public void left(long stay, Instant at) {
            if (lastOneOut(() -> { })) {
                // the customer ended it (or the server closed them): nobody may keep watching an empty room
                sessions.endNow(session, "The customer ended the support session.");
            }
        }

        @Override
        public void dropped(long stay, Instant at) {
            lastOneOut(() -> store.customerAway(session, at));
        }

        /** Counts this connection out; runs {@code whenLast} (in turn with arrivals) if it was the last one. */
        private boolean lastOneOut(Runnable whenLast) {
            boolean[] last = {false};
            customersPresent.compute(session, (id, n) -> {
                if (n != null && n > 1) {
                    return n - 1;
                }
                last[0] = true;
                whenLast.run();
                return null;
            });
            return last[0];
        }
    }
}
