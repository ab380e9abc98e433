package org.parley.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone the server lets into a relay room — a meeting, a support session or a machine — as the
 * roster will show them. Who they are is the server's word; keys stay the participants' business
 * (DESIGN.md §3).
 *
 * @param room  the room's id (meeting, support session or machine), also the protocol's session id
 * @param role  the roster role; {@code organizer} is the one that starts the keys (protocol §8)
 * @param name  the roster name
 * @param stays where this person's arrival and departure are recorded (attendance, support
 *              history, a machine's connection list)
 * @param accountId the signed-in account behind the connection, if any (to evict it by account)
 * @param vouchedInvitee the server vouches for this person as a signed-in invitee of a meeting
 *        whose organizer lets those in without a click: the roster says {@code "vouched"} (protocol
 *        §8) and keyholders admit on it. Never set in support sessions or machines' rooms.
 */
public record Entrant(UUID room, String role, String name, StayLog stays, java.util.Optional<UUID> accountId,
                      boolean vouchedInvitee) {
    /**
     * The role that starts a session's keys (protocol §8): a meeting's organizer, a support
     * session's technician, a machine's agent. The relay admits it from its JOIN on; everyone else
     * waits for an ADMIT.
     */
    public static final String ORGANIZER = "organizer";

    public Entrant {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stays, "stays");
    }

    /** Someone no keyholder admits on the server's word alone. */
    public Entrant(UUID room, String role, String name, StayLog stays, java.util.Optional<UUID> accountId) {
        this(room, role, name, stays, accountId, false);
    }

    /** Someone without an account (or whose account does not matter to the room). */
    public Entrant(UUID room, String role, String name, StayLog stays) {
        this(room, role, name, stays, java.util.Optional.empty(), false);
    }

    /** Records arrivals and departures; called at join and leave only, never on the hot path. */
    public interface StayLog {
        /**
         * Records the join of the room's participant {@code participant} (the relay's id for this
         * connection, as the roster shows it); returns what {@link #left} gets back. Throwing a
         * {@code ParleyException} refuses the join after all: the connection is closed with it.
         */
        long joined(int participant, Instant at);

        void left(long stay, Instant at);

        /**
         * The connection was lost rather than ended: no goodbye (LEAVE) and not closed by the
         * server — a network drop, a sleeping laptop, a server shutting down. Most rooms treat it
         * as a leave; a support session waits for the customer to come back.
         */
        default void dropped(long stay, Instant at) {
            left(stay, at);
        }

        /** For rooms that keep no record. */
        StayLog NONE = new StayLog() {
            @Override
            public long joined(int participant, Instant at) {
                return 0;
            }

            @Override
            public void left(long stay, Instant at) {
            }
        };
    }
}
