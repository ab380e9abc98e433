package org.parley.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.parley.account.Account;
import org.parley.account.AccountStore;
import org.parley.account.EmailAddress;
import org.parley.relay.RelayFeature;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * The rules of support sessions: who may open, see, pick up, transfer and end one; the single-use
 * key that expires unused; the customer's ticket into the relay.
 */
final class SupportSessions {
    static final Duration KEY_LIFETIME = Duration.ofMinutes(10);
    /** How long a session waits for a customer whose connection was lost (Wi-Fi drop, sleep, server restart). */
    static final Duration RECONNECT_GRACE = Duration.ofMinutes(2);
    static final String ABANDONED = "The customer's connection was lost and did not come back within 2 minutes. "
            + "The support session has ended.";
    /** How long after using the key the customer's agent may take to come into the session. */
    static final Duration FIRST_CONNECT = Duration.ofMinutes(10);
    static final String NEVER_CONNECTED = "The customer's agent did not connect within 10 minutes of using the key. "
            + "The support session has ended.";
    static final String WRONG_KEY = "This support key is wrong or has expired. Ask your technician for a new one.";
    private final SupportStore store;
    private final SupportKey keys;
    private final AccountStore accounts;
    private final RelayFeature relay;
    private final Clock clock;

    SupportSessions(SupportStore store, SupportKey keys, AccountStore accounts, RelayFeature relay, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.accounts = accounts;
        this.relay = relay;
        this.clock = clock;
    }

    /** A new session and its key (the only time the key is known in the clear besides the customer's copy). */
    record Opened(SupportSession session, String key) {
    }

    Opened open(Optional<UUID> teamId, Optional<UUID> technician, Optional<String> customerName, Optional<String> problem) {
        Instant now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            String key = SupportKey.generate();
            UUID id = UUID.randomUUID();
            try {
                store.insert(new SupportStore.NewSignIn(id, teamId, technician, keys.hash(key), now.plus(KEY_LIFETIME),
                        customerName, problem, now));
                return new Opened(store.find(id).orElseThrow(), key);
            } catch (UnableToExecuteStatementException keyInUse) {
                // two live sessions with one key would let the wrong customer in: draw again
                if (attempt >= 5) {
                    throw keyInUse;
                }
            }
        }
    }

    /** What the customer gets for a right key: the session and a ticket into its relay. */
    record Redeemed(SupportSession session, String ticket) {
    }

    Redeemed redeem(String typedKey, Optional<String> customerName) {
        String digits = SupportKey.normalize(typedKey).orElseThrow(() -> ParleyException.invalid("A support key is nine digits."));
        Instant now = clock.instant();
        SupportSession session = store.byKey(keys.hash(digits), now)
                .orElseThrow(() -> new ParleyException(Failure.NOT_FOUND, WRONG_KEY));
        var ticket = SecretToken.generate();
        if (!store.redeem(session.id(), ticket.hash(), customerName, now)) {
            throw new ParleyException(Failure.NOT_FOUND, WRONG_KEY); // used a moment ago by someone else: single use
        }
        return new Redeemed(store.find(session.id()).orElseThrow(), ticket.value());
    }

    /** How {@code who} relates to a session: technician, colleague, supervisor or team member; else 404. */
    String roleOf(Account who, SupportSession session) {
        if (session.technicianId().filter(who.id()::equals).isPresent()) {
            return "technician";
        }
        if (store.isColleague(session.id(), who.id())) {
            return "colleague";
        }
        return session.teamId().flatMap(team -> store.role(team, who.id()))
                .map(role -> role.equals("supervisor") ? "supervisor" : "member")
                .orElseThrow(ParleyException::notFound);
    }

    SupportSession visible(Account who, UUID id) {
        SupportSession session = store.find(id).orElseThrow(ParleyException::notFound);
        roleOf(who, session);
        return session;
    }

    List<SupportSession> mine(Account who) {
        return store.ofTechnician(who.id(), 100);
    }

    /** The technician (or the team's supervisor) ends it; everyone in it is disconnected. */
    void end(Account who, UUID id) {
        SupportSession session = visible(who, id);
        String role = roleOf(who, session);
        if (!role.equals("technician") && !role.equals("supervisor")) {
            throw new ParleyException(Failure.FORBIDDEN, "Only the session's technician or a supervisor can end it.");
        }
        endNow(id, "The technician ended the support session.");
    }

    /**
     * Ends the sessions whose customer has been away longer than {@link #RECONNECT_GRACE}, or whose
     * agent used the key and never came in within {@link #FIRST_CONNECT}. Each ends only if that is
     * still so when it is written: a customer who came back a moment ago keeps their session.
     */
    int endAbandoned() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(RECONNECT_GRACE);
        return endEach(store.awaySince(cutoff), id -> store.endIfAway(id, cutoff, now), ABANDONED)
                + endEach(store.redeemedNeverStarted(now.minus(FIRST_CONNECT)), id -> store.endIfNeverStarted(id, now), NEVER_CONNECTED);
    }

    /** Closes the room of each session {@code endedNow} ended (false: it changed meanwhile); returns how many. */
    private int endEach(List<UUID> ids, java.util.function.Predicate<UUID> endedNow, String reason) {
        int ended = 0;
        for (UUID id : ids) {
            if (endedNow.test(id)) {
                closeRoom(id, reason);
                ended++;
            }
        }
        return ended;
    }

    /** Ends the session for whatever reason (also when the customer leaves) and closes the room. */
    void endNow(UUID id, String reason) {
        store.end(id, clock.instant());
        closeRoom(id, reason);
    }

    private void closeRoom(UUID id, String reason) {
        relay.evict(id, entrant -> true, Failure.GONE, reason);
    }

    SupportSession pickUp(Account who, UUID id) {
        SupportSession session = store.find(id).orElseThrow(ParleyException::notFound);
        String role = roleOf(who, session);
        if (role.equals("colleague")) {
            throw ParleyException.notFound();
        }
        if (!session.open(clock.instant())) {
            throw new ParleyException(Failure.GONE, "This request has ended: the customer's key expired or the session was closed.");
        }
        if (!store.assign(id, Optional.empty(), who.id())) {
            throw new ParleyException(Failure.CONFLICT, "Someone else picked up this customer, or the request was withdrawn.");
        }
        return store.find(id).orElseThrow();
    }

    /** Hands the session to a colleague in the same team; the previous technician is disconnected. */
    void transfer(Account who, UUID id, EmailAddress to) {
        SupportSession session = store.find(id).orElseThrow(ParleyException::notFound);
        String role = roleOf(who, session);
        if (!role.equals("technician") && !role.equals("supervisor")) {
            throw new ParleyException(Failure.FORBIDDEN, "Only the session's technician or a supervisor can transfer it.");
        }
        if (!session.open(clock.instant())) {
            throw new ParleyException(Failure.GONE, "This support session has ended.");
        }
        UUID teamId = session.teamId().orElseThrow(() -> new ParleyException(Failure.CONFLICT,
                "Only a team's sessions can be transferred; invite a colleague instead."));
        UUID colleague = teamMember(teamId, to);
        Optional<UUID> previous = session.technicianId();
        if (previous.filter(colleague::equals).isPresent()) {
            throw ParleyException.invalid("This colleague already has the session.");
        }
        if (!store.assign(id, previous, colleague)) {
            throw new ParleyException(Failure.CONFLICT, "The session changed hands meanwhile; reload and try again.");
        }
        previous.ifPresent(old -> relay.evict(id, entrant -> entrant.accountId().filter(old::equals).isPresent(), Failure.GONE,
                "You transferred this session to a colleague."));
    }

    /** Lets a colleague join (with the customer's consent, which the agent asks for before showing them anything). */
    void invite(Account who, UUID id, EmailAddress colleagueEmail) {
        SupportSession session = store.find(id).orElseThrow(ParleyException::notFound);
        if (!roleOf(who, session).equals("technician")) {
            throw new ParleyException(Failure.FORBIDDEN, "Only the session's technician can invite a colleague.");
        }
        UUID colleague = session.teamId().map(team -> teamMember(team, colleagueEmail))
                .orElseGet(() -> accounts.idOf(colleagueEmail).orElseThrow(() -> ParleyException.invalid(
                        "There is no Parley account with the address " + colleagueEmail.value() + ".")));
        store.addColleague(id, colleague);
    }

    private UUID teamMember(UUID teamId, EmailAddress email) {
        return accounts.idOf(email).filter(id -> store.role(teamId, id).isPresent())
                .orElseThrow(() -> ParleyException.invalid(email.value() + " is not a member of this support team."));
    }

    int forgetExpiredKeys() {
        return store.forgetExpiredKeys(clock.instant());
    }
}
