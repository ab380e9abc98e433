package org.parley.machine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.parley.account.Account;
import org.parley.account.EmailAddress;
import org.parley.security.SecretToken;
import org.parley.web.Failure;
import org.parley.web.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connecting to a machine: every attempt is a row, refused or not; one let through gets a ticket
 * that opens the machine's room once, within a minute. The access switch is checked again when
 * the ticket is spent, so a pause in between still shuts the caller out.
 */
final class Connections {
    static final Duration TICKET_TIME = Duration.ofSeconds(60);
    private static final Logger security = LoggerFactory.getLogger(org.parley.security.SecurityLog.LOGGER);
    private final Machines machines;
    private final ConnectionLog log;
    private final Clock clock;

    Connections(Machines machines, ConnectionLog log, Clock clock) {
        this.machines = machines;
        this.log = log;
        this.clock = clock;
    }

    /** A ticket handed to a caller, once: only its hash is stored. */
    record Granted(UUID connectionId, SecretToken ticket) {
    }

    /** The ways a machine can tell how its access password went. */
    enum PasswordEvent {
        PASSWORD_ACCEPTED(Optional.empty()),
        PASSWORD_REFUSED(Optional.of(Outcome.WRONG_PASSWORD)),
        LOCKED_OUT(Optional.of(Outcome.LOCKED_OUT));

        private final Optional<Outcome> failure;

        PasswordEvent(Optional<Outcome> failure) {
            this.failure = failure;
        }

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<PasswordEvent> parse(String code) {
            for (PasswordEvent e : values()) {
                if (e.code().equals(code)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    Granted connect(Machines.Reached reached, Account who) {
        Machine m = reached.machine();
        Instant now = clock.instant();
        var caller = new ConnectionLog.Caller(who.id(), reached.relation().code(), who.fullName(), who.email().value());
        refusal(m, now).ifPresent(refused -> {
            log.record(m.id(), caller, refused.outcome(), now);
            throw refused.failure();
        });
        SecretToken ticket = SecretToken.generate();
        UUID id = log.recordTicket(m.id(), caller, ticket.hash(), now.plus(TICKET_TIME), now);
        return new Granted(id, ticket);
    }

    /** Why no caller can reach the machine now (paused, revoked, offline), or empty when they can. */
    private Optional<Refusal> refusal(Machine m, Instant now) {
        return switchedOff(m, now).or(() -> machines.online(m.id())
                ? Optional.empty() : Optional.of(new Refusal(Outcome.OFFLINE, m.offline())));
    }

    /** The owner's switch alone: paused or revoked, whether the machine is online or not. */
    private static Optional<Refusal> switchedOff(Machine m, Instant now) {
        return switch (m.status(now)) {
            case REVOKED, PENDING -> Optional.of(new Refusal(Outcome.REFUSED_REVOKED, m.revoked()));
            case PAUSED -> Optional.of(new Refusal(Outcome.REFUSED_PAUSED, m.paused()));
            case ENABLED -> Optional.empty();
        };
    }

    /** The owner still owns the machine, or the technician's email is still granted. */
    private boolean stillGranted(Machine m, ConnectionLog.Redeemed caller) {
        return caller.role().equals(Machines.Relation.OWNER.code())
                ? caller.accountId().map(m::ownedBy).orElse(false)
                : caller.email().map(email -> machines.isGranted(m.id(), new EmailAddress(email))).orElse(false);
    }

    private record Refusal(Outcome outcome, ParleyException failure) {
    }

    /**
     * Spends a ticket at the relay: the attempt's caller, if the ticket is this machine's, unspent
     * and in time, and the caller may still connect. The account signed in on the request, if
     * any, must be the ticket's.
     */
    ConnectionLog.Redeemed redeem(Machine m, String ticket, Optional<Account> signedIn) {
        Instant now = clock.instant();
        if (!SecretToken.wellFormed(ticket)) {
            throw ParleyException.notFound();
        }
        var caller = log.redeem(m.id(), new SecretToken(ticket).hash(), now).orElseThrow(ParleyException::notFound);
        if (caller.accountId().isEmpty() || signedIn.map(a -> !caller.accountId().equals(Optional.of(a.id()))).orElse(false)) {
            throw ParleyException.notFound();
        }
        if (!stillGranted(m, caller)) {
            log.outcome(caller.connectionId(), Outcome.REFUSED_REVOKED);
            throw ParleyException.notFound();
        }
        refusal(m, now).ifPresent(refused -> {
            log.outcome(caller.connectionId(), refused.outcome());
            throw refused.failure();
        });
        return caller;
    }

    /**
     * The caller of a spent ticket sends JOIN at the relay, up to the relay's join timeout after
     * {@link #redeem}: checks again that the machine is not paused or revoked and that the grant
     * still holds, since a pause or a grant removed in between closed only the connections already
     * in the room. A refusal is the attempt's outcome, as at {@link #redeem}; the caller, who held a
     * ticket, is told why. Offline does not count here: the agent may come and go with callers in.
     * No change slips between this check and the join: the relay admits the connection to the
     * room before it calls the stay log, so a change committed after this read is followed by an
     * eviction that finds it there.
     */
    void joining(UUID machineId, ConnectionLog.Redeemed caller, Instant now) {
        Machine m = machines.find(machineId).orElseThrow(() -> new ParleyException(Failure.GONE,
                "This computer was removed, so nobody can connect to it any more."));
        if (!stillGranted(m, caller)) {
            log.outcome(caller.connectionId(), Outcome.REFUSED_REVOKED);
            throw new ParleyException(Failure.REVOKED, Machines.accessRemoved(m));
        }
        switchedOff(m, now).ifPresent(refused -> {
            log.outcome(caller.connectionId(), refused.outcome());
            throw refused.failure();
        });
    }

    /** What the machine reports of an access handshake: the attempt's outcome, and the security log. */
    void event(Machine m, UUID connectionId, PasswordEvent event, String ip) {
        if (!log.passwordEvent(m.id(), connectionId, event.failure)) {
            throw ParleyException.notFound();
        }
        var entry = event == PasswordEvent.PASSWORD_ACCEPTED ? security.atInfo() : security.atWarn();
        entry.addKeyValue("machine", m.id()).addKeyValue("event", event.code()).addKeyValue("ip", ip)
                .addKeyValue("connection", connectionId).log("machine access password");
    }

    /**
     * The attempt behind the caller the agent knows by its participant id in the room (the agent
     * never learns the row's id). Several callers can be in the room and answer in any order.
     */
    UUID byParticipant(Machine m, int participant) {
        return log.byParticipant(m.id(), participant).orElseThrow(() -> new ParleyException(Failure.NOT_FOUND,
                "No caller entered this computer's room as participant " + participant + "."));
    }

    List<ConnectionLog.Attempt> list(Machine m) {
        return log.list(m.id());
    }

    ConnectionLog log() {
        return log;
    }
}
