package org.parley.support;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.relay.Entrant;
import org.parley.relay.RoomGate;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Support sessions' rooms. The technician is the keyholder ({@code organizer}, protocol §8); the
 * customer comes with the ticket the key bought ({@code customer}); invited colleagues and team
 * members may come in as {@code technician} — but the customer's agent shows them nothing until
 * the customer consents to each one. When the customer leaves, the session is over.
 */
final class SupportGate implements RoomGate {
    private final SupportStore store;
    private final SupportSessions sessions;
    private final Clock clock;

    SupportGate(SupportStore store, SupportSessions sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
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
            return new Entrant(id, "customer", session.customerName().orElse("Customer"), customerStay(id));
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

    private Entrant.StayLog customerStay(UUID id) {
        return new Entrant.StayLog() {
            @Override
            public long joined(int participant, Instant at) {
                store.started(id, at);
                return 0;
            }

            @Override
            public void left(long stay, Instant at) {
                // the customer ended it (or their agent is gone): nobody may keep watching an empty room
                sessions.endNow(id, "The customer ended the support session.");
            }
        };
    }
}
