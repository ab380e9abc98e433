package org.parley.relay;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MalformedEnvelopeException;
import org.parley.protocol.envelope.MessageType;
import org.parley.web.Failure;
import org.parley.web.ParleyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes envelopes between the participants of each room (a meeting, a support session, a machine). The rules it enforces are about
 * routing only: the first message must be a JOIN, the sender field must be the sender's own id,
 * a KEY or ADMIT goes to one present participant, and DATA goes to one or to all others. A
 * refusal closes the connection with the status table's code and a reason; other participants
 * and other rooms are not affected.
 */
final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final EnvelopeCodec codec;
    private final Control control;
    private final RelayLimits limits;
    private final Clock clock;

    Relay(RelayLimits limits, Clock clock) {
        this.codec = new EnvelopeCodec(limits.maxPayload());
        this.control = new Control(codec);
        this.limits = limits;
        this.clock = clock;
    }

    /** One binary message from {@code from}; {@code message} is this message's own copy. */
    void receive(Connection from, ByteBuffer message) {
        if (!from.withinRate(message.remaining(), System.nanoTime())) {
            from.close(Failure.RATE_LIMITED, "You sent too much too fast; please reconnect.");
            return;
        }
        Envelope envelope;
        try {
            envelope = codec.decode(message);
        } catch (MalformedEnvelopeException malformed) {
            from.close(Failure.INVALID_INPUT, "Malformed message: " + malformed.getMessage());
            return;
        }
        if (!from.joined()) {
            join(from, envelope);
            return;
        }
        if (envelope.sender() != from.id()) {
            from.close(Failure.INVALID_INPUT, "Sender id " + Integer.toUnsignedString(envelope.sender())
                    + " is not yours (" + from.id() + ").");
            return;
        }
        Room room = rooms.get(from.entrant().room());
        switch (envelope.type()) {
            case DATA -> route(room, from, envelope, message);
            // HANDSHAKE: the access handshake before admission (protocol §10), clear but to one participant only
            case KEY, ADMIT, HANDSHAKE -> toOne(room, from, envelope, message);
            case LEAVE -> from.leave();
            case JOIN, ROSTER, ERROR -> from.close(Failure.INVALID_INPUT, "A participant cannot send " + envelope.type() + " now.");
        }
    }

    private void join(Connection from, Envelope envelope) {
        if (envelope.type() != MessageType.JOIN) {
            from.close(Failure.INVALID_INPUT, "The first message must be a JOIN.");
            return;
        }
        var request = Control.join(envelope.payload());
        if (request.isEmpty()) {
            from.close(Failure.INVALID_INPUT, "A JOIN must carry a 32-byte X25519 public key (base64url) and may carry a 32-byte proof.");
            return;
        }
        var entrant = from.entrant();
        // admitting inside compute() is atomic with closed() removing an emptied room
        var admitted = new java.util.concurrent.atomic.AtomicReference<Optional<Integer>>(Optional.empty());
        Room room = rooms.compute(entrant.room(), (roomId, existing) -> {
            Room r = existing == null ? new Room(roomId) : existing;
            admitted.set(r.admit(from, limits.maxParticipants()));
            return r;
        });
        Optional<Integer> id = admitted.get();
        if (id.isEmpty()) {
            from.close(Failure.ROOM_FULL, "This meeting is full.");
            return;
        }
        long stay;
        try {
            // the gate let the upgrade through up to the join timeout ago: the room may refuse now
            // (a support session ended, a machine paused, a grant removed in between)
            stay = entrant.stays().joined(id.get(), clock.instant());
        } catch (RuntimeException refused) {
            rooms.computeIfPresent(entrant.room(), (roomId, r) -> {
                r.remove(id.get());
                return r.empty() ? null : r;
            });
            if (refused instanceof ParleyException p) {
                from.close(p.failure(), p.getMessage());
            } else {
                log.atWarn().addKeyValue("room", entrant.room()).addKeyValue("reason", refused.getMessage())
                        .log("relay join not recorded");
                from.close(Failure.UNAVAILABLE, "The server could not record your arrival. Please join again in a moment.");
            }
            return;
        }
        from.joined(id.get(), request.get().publicKey(), request.get().proof(), stay);
        from.send(control.snapshot(from, room.members()));
        ByteBuffer announcement = control.joined(from);
        for (Connection other : room.members()) {
            if (other != from && other.joined()) {
                other.send(announcement);
            }
        }
        log.atInfo().addKeyValue("room", entrant.room()).addKeyValue("participant", id.get())
                .addKeyValue("present", room.members().size()).log("relay join");
    }

    private void route(Room room, Connection from, Envelope envelope, ByteBuffer message) {
        if (envelope.recipient() == Envelope.EVERYONE) {
            ByteBuffer shared = message.asReadOnlyBuffer();
            for (Connection other : room.members()) {
                if (other != from && other.joined()) {
                    other.send(shared);
                }
            }
            return;
        }
        toOne(room, from, envelope, message);
    }

    private void toOne(Room room, Connection from, Envelope envelope, ByteBuffer message) {
        var to = room.member(envelope.recipient()).filter(Connection::joined);
        if (to.isEmpty()) {
            from.send(control.error(from.id(), "not_present", "Participant " + Integer.toUnsignedString(envelope.recipient())
                    + " is not in the meeting."));
            return;
        }
        to.get().send(message.asReadOnlyBuffer());
    }

    /** The connection closed, for whatever reason: it leaves its room and the others are told. */
    void closed(Connection who) {
        if (!who.joined() || !who.markLeft()) {
            return;
        }
        UUID roomId = who.entrant().room();
        Room room = rooms.computeIfPresent(roomId, (id, r) -> {
            r.remove(who.id());
            return r.empty() ? null : r;
        });
        try {
            if (who.closedByUs()) {
                who.entrant().stays().left(who.stayId(), clock.instant());
            } else {
                who.entrant().stays().dropped(who.stayId(), clock.instant());
            }
        } catch (RuntimeException databaseGone) {
            // at shutdown the database may close before the last sockets do; the others must still hear of the leave
            log.atWarn().addKeyValue("room", roomId).addKeyValue("participant", who.id())
                    .addKeyValue("reason", databaseGone.getMessage()).log("relay leave not recorded in attendance");
        }
        if (room != null) {
            ByteBuffer left = control.left(who.id());
            for (Connection other : room.members()) {
                other.send(left);
            }
        }
        log.atInfo().addKeyValue("room", roomId).addKeyValue("participant", who.id()).log("relay leave");
    }

    /** Server shutdown: every stay is closed in the attendance report while the database is still open. */
    void shutdown() {
        for (Room room : rooms.values()) {
            for (Connection member : java.util.List.copyOf(room.members())) {
                closed(member);
                member.goingAway();
            }
        }
    }

    /**
     * Closes the connections in {@code roomId} whose entrant {@code who} matches (a revoked
     * technician, an ended support session), with a reason they can show. Their leave is
     * recorded and announced as for any other close.
     */
    int evict(UUID roomId, java.util.function.Predicate<Entrant> who, Failure failure, String reason) {
        Room room = rooms.get(roomId);
        if (room == null) {
            return 0;
        }
        int evicted = 0;
        for (Connection member : java.util.List.copyOf(room.members())) {
            if (who.test(member.entrant())) {
                member.close(failure, reason);
                closed(member);
                evicted++;
            }
        }
        return evicted;
    }

    int present(UUID roomId) {
        Room room = rooms.get(roomId);
        return room == null ? 0 : room.members().size();
    }
}
