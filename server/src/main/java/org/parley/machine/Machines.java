package org.parley.machine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.relay.RelayFeature;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach a machine, and the owner's decisions about it: its access switch, its
 * technicians, forgetting it. The owner and granted technicians see a machine; anyone else gets
 * the same 404 as for a machine that does not exist. Every change that shuts someone out also
 * closes their live connection in the machine's room.
 */
final class Machines {
    static final int MAX_GRANTS = 50;
    static final Duration MAX_PAUSE = Duration.ofDays(366);
    private static final Logger security = LoggerFactory.getLogger(org.parley.security.SecurityLog.LOGGER);
    private final MachineStore store;
    private final Presence presence;
    private final RelayFeature relay;
    private final Clock clock;

    Machines(MachineStore store, Presence presence, RelayFeature relay, Clock clock) {
        this.store = store;
        this.presence = presence;
        this.relay = relay;
        this.clock = clock;
    }

    enum Relation {
        OWNER, TECHNICIAN;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A machine as one person reaches it. */
    record Reached(Machine machine, Relation relation) {
    }

    /** A machine that exists now: an unapproved one whose code ran out is as good as gone. */
    Optional<Machine> find(UUID id) {
        Instant now = clock.instant();
        return store.find(id).filter(m -> !m.expired(now));
    }

    /** The owner or a technician granted by verified email; 404 for anyone else. */
    Reached reach(Account who, UUID id) {
        Machine m = find(id).filter(found -> found.ownerId().isPresent()).orElseThrow(ParleyException::notFound);
        if (m.ownedBy(who.id())) {
            return new Reached(m, Relation.OWNER);
        }
        if (who.emailVerified() && store.isGranted(id, who.email())) {
            return new Reached(m, Relation.TECHNICIAN);
        }
        throw ParleyException.notFound();
    }

    /** The owner only: a technician is told so, a stranger gets 404. */
    Machine owned(Account who, UUID id) {
        Reached reached = reach(who, id);
        if (reached.relation() != Relation.OWNER) {
            throw new ParleyException(Failure.FORBIDDEN, "Only the owner of " + reached.machine().quoted() + " can do this.");
        }
        return reached.machine();
    }

    /** The machine whose token this is; the same 401 for an unknown, removed or expired one. */
    Machine byToken(String token) {
        Instant now = clock.instant();
        return Optional.of(token).filter(SecretToken::wellFormed).flatMap(t -> store.byToken(new SecretToken(t).hash()))
                .filter(m -> !m.expired(now))
                .orElseThrow(() -> new ParleyException(Failure.UNAUTHENTICATED,
                        "This computer is not enrolled here, or its enrolment expired or was removed. Enrol it again."));
    }

    boolean online(UUID machineId) {
        return presence.online(machineId);
    }

    List<Machine> owned(Account who) {
        return store.owned(who.id());
    }

    List<Machine> granted(Account who) {
        return who.emailVerified() ? store.granted(who.email()) : List.of();
    }

    boolean isGranted(UUID machineId, EmailAddress technician) {
        return store.isGranted(machineId, technician);
    }

    List<EmailAddress> grants(UUID machineId) {
        return store.grants(machineId);
    }

    /**
     * Sets the access switch. Revoked is final. Pausing closes the callers' connections; revoking
     * closes everyone's, the machine's own included.
     */
    Machine changeAccess(Machine m, Status target, Optional<Instant> pausedUntil, String by) {
        Instant now = clock.instant();
        if (m.ownerId().isEmpty()) {
            throw new ParleyException(Failure.CONFLICT, m.quoted() + " is waiting for approval; its access cannot change yet.");
        }
        if (m.access() == Status.REVOKED) {
            return alreadyRevoked(m, target);
        }
        if (pausedUntil.isPresent()) {
            requirePauseEnd(pausedUntil.get(), now);
        }
        // the update itself leaves a revoked machine alone: a revoke between our read and this
        // write (the owner's and the machine's own, say) must not be undone
        boolean changedNow = store.setAccess(m.id(), target, pausedUntil);
        Machine changed = find(m.id()).orElseThrow(ParleyException::notFound);
        if (!changedNow) {
            return alreadyRevoked(changed, target);
        }
        security.atInfo().addKeyValue("machine", m.id()).addKeyValue("access", target.code())
                .addKeyValue("pausedUntil", pausedUntil.map(Instant::toString).orElse("")).addKeyValue("by", by)
                .log("machine access changed");
        switch (changed.status(now)) {
            case PAUSED -> relay.evict(m.id(), CallerStay::isCaller, Failure.PAUSED, changed.pausedMessage());
            case REVOKED -> relay.evict(m.id(), anyone -> true, Failure.REVOKED, changed.revokedMessage());
            case ENABLED, PENDING -> { }
        }
        return changed;
    }

    /** Revoking again changes nothing; anything else is refused. */
    private static Machine alreadyRevoked(Machine m, Status target) {
        if (target == Status.REVOKED) {
            return m;
        }
        throw new ParleyException(Failure.CONFLICT, "Access to " + m.quoted()
                + " was revoked, and that is final. To use this computer again, enrol it again.");
    }

    private static void requirePauseEnd(Instant until, Instant now) {
        if (!until.isAfter(now)) {
            throw ParleyException.invalid("The end of the pause is in the past; choose a time from now on.");
        }
        if (until.isAfter(now.plus(MAX_PAUSE))) {
            throw ParleyException.invalid("pausedUntil can be at most one year ahead.");
        }
    }

    void grant(Machine m, Account owner, EmailAddress technician) {
        if (m.access() == Status.REVOKED) {
            throw revokedNoGrants(m);
        }
        if (technician.equals(owner.email())) {
            throw ParleyException.invalid("You own " + m.quoted() + "; you need no grant to connect to it.");
        }
        switch (store.grant(m.id(), technician, MAX_GRANTS, clock.instant())) {
            case GRANTED -> { }
            case FULL -> throw ParleyException.invalid(m.quoted() + " can have at most " + MAX_GRANTS
                    + " technicians; remove one first.");
            // revoked or removed since the owner's request read it
            case REVOKED -> throw revokedNoGrants(m);
            case GONE -> throw ParleyException.notFound();
        }
        security.atInfo().addKeyValue("machine", m.id()).addKeyValue("technician", technician.value()).log("machine access granted");
    }

    private static ParleyException revokedNoGrants(Machine m) {
        return new ParleyException(Failure.CONFLICT, "Access to " + m.quoted() + " was revoked; nobody can be granted access to it.");
    }

    /** What a technician whose grant the owner removed is told. */
    static String accessRemoved(Machine m) {
        return "Your access to " + m.quoted() + " was removed by its owner.";
    }

    void removeGrant(Machine m, EmailAddress technician) {
        if (!store.removeGrant(m.id(), technician)) {
            throw ParleyException.notFound();
        }
        security.atInfo().addKeyValue("machine", m.id()).addKeyValue("technician", technician.value()).log("machine access removed");
        relay.evict(m.id(), e -> CallerStay.isEmail(e, technician.value()), Failure.REVOKED, accessRemoved(m));
    }

    /** Forgets the machine, its technicians and its connection list; whoever is in its room is closed out. */
    void forget(Machine m) {
        store.delete(m.id());
        security.atInfo().addKeyValue("machine", m.id()).log("machine removed");
        closeRoom(m.id(), m.quoted() + " was removed by its owner.");
    }

    void closeRoom(UUID machineId, String reason) {
        relay.evict(machineId, anyone -> true, Failure.GONE, reason);
    }

    void closeCaller(UUID machineId, UUID accountId, String reason) {
        relay.evict(machineId, e -> CallerStay.isAccount(e, accountId), Failure.GONE, reason);
    }

    Clock clock() {
        return clock;
    }
}
