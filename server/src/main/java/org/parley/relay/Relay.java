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
import org.parley.protocol.envelope.MediaMark;
import org.parley.protocol.envelope.MessageType;
import org.parley.protocol.envelope.RelayStatus;
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
 *
 * <p>It also keeps the waiting room shut (protocol README §8, "What the relay enforces"): a
 * participant is admitted when its role starts the keys ({@code organizer}) or when an admitted
 * participant sends it an ADMIT, which the relay reads in the clear. Until then it may send only
 * JOIN, LEAVE and HANDSHAKE, at a low rate, and gets no broadcast DATA; its DATA, KEY or ADMIT is
 * answered with a {@code not_admitted} ERROR and goes nowhere. So a waiting participant can neither
 * plant a key with the keyholder nor flood the admitted ones off as slow consumers.
 */
final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    /** What a participant may send only once admitted; before, JOIN, LEAVE and HANDSHAKE (protocol §10). */
    private static final java.util.Set<MessageType> ONLY_ADMITTED = java.util.EnumSet.of(MessageType.DATA, MessageType.MEDIA,
            MessageType.MEDIA_ACK, MessageType.KEY, MessageType.ADMIT);
    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final EnvelopeCodec codec;
    private final Control control;
    private final RelayLimits limits;
    private final Clock clock;
    private final RelayCounters counters;

    Relay(RelayLimits limits, Clock clock, RelayCounters counters) {
        this.codec = new EnvelopeCodec(limits.maxPayload());
        this.control = new Control(codec);
        this.limits = limits;
        this.clock = clock;
        this.counters = counters;
    }

    int rooms() {
        return rooms.size();
    }

    int participants() {
        return rooms.values().stream().mapToInt(r -> r.members().size()).sum();
    }

    long queuedMessages() {
        return rooms.values().stream().flatMap(r -> r.members().stream()).mapToLong(Connection::queuedMessages).sum();
    }

    /** One binary message from {@code from}; {@code message} is this message's own copy. */
    void receive(Connection from, ByteBuffer message) {
        counters.received(message.remaining());
        if (from.closing()) {
            return; // what a flooder had in flight when we closed it must not trickle through as its tokens refill
        }
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
        if (room == null) {
            return; // the room emptied (everyone, this sender included, has left) while this message was in flight
        }
        if (!from.admitted() && ONLY_ADMITTED.contains(envelope.type())) {
            notAdmitted(from, envelope);
            return;
        }
        if (!from.admitted() && envelope.type() == MessageType.HANDSHAKE && !toAdmitted(room, envelope.recipient())) {
            notAdmitted(from, envelope); // waiting participants talk to those who can admit them, not to each other
            return;
        }
        if (!from.admitted() && envelope.type() == MessageType.HANDSHAKE
                && !room.member(envelope.recipient()).orElseThrow().acceptsFromWaiting(System.nanoTime())) {
            from.send(control.error(from.id(), RelayStatus.RATE_LIMITED.error(),
                    "The person you are calling is busy; please try again in a moment."));
            return;
        }
        switch (envelope.type()) {
            case DATA -> route(room, from, envelope, message);
            case MEDIA -> media(room, from, envelope, message);
            case MEDIA_ACK -> mediaAcknowledged(from, envelope);
            // HANDSHAKE: the access handshake before admission (protocol §10), clear but to one participant only
            case KEY, HANDSHAKE -> toOne(room, from, envelope, message);
            case ADMIT -> toOne(room, from, envelope, message).ifPresent(this::admitted);
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
        // taking a seat inside compute() is atomic with closed() removing an emptied room
        var seat = new java.util.concurrent.atomic.AtomicReference<Optional<Integer>>(Optional.empty());
        Room room = rooms.compute(entrant.room(), (roomId, existing) -> {
            Room r = existing == null ? new Room(roomId, clock.instant()) : existing;
            seat.set(r.seat(from, limits.maxParticipants()));
            return r;
        });
        Optional<Integer> id = seat.get();
        if (id.isEmpty()) {
            from.close(Failure.ROOM_FULL, "This meeting is full.");
            return;
        }
        long stay;
        java.time.Instant joinedAt = clock.instant();
        try {
            // the gate let the upgrade through up to the join timeout ago: the room may refuse now
            // (a support session ended, a machine paused, a grant removed in between)
            stay = entrant.stays().joined(id.get(), joinedAt);
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
        if (entrant.role().equals(Entrant.ORGANIZER)) {
            from.admit(); // before joined(): it must not miss a broadcast meant for it
        }
        from.joined(id.get(), request.get().publicKey(), request.get().proof(), stay, joinedAt);
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

    /** The sender is admitted; a broadcast goes to the admitted others only (direct DATA reaches anyone present). */
    private void route(Room room, Connection from, Envelope envelope, ByteBuffer message) {
        if (envelope.recipient() == Envelope.EVERYONE) {
            ByteBuffer shared = message.asReadOnlyBuffer();
            for (Connection other : room.members()) {
                if (other != from && other.joined() && other.admitted()) {
                    other.send(shared);
                }
            }
            return;
        }
        toOne(room, from, envelope, message);
    }

    /**
     * Routed as DATA is, but each receiver that is behind may drop it by its clear mark (README §12,
     * "Media flow control"); a receiver whose drops from this sender's stream just began is told once,
     * so it asks the sender for a refresh point. Audio beyond the sender's allowance loses its
     * priority: a hostile member who marks its screen as audio jumps no queue with the excess.
     */
    private void media(Room room, Connection from, Envelope envelope, ByteBuffer message) {
        ByteBuffer payload = envelope.payload();
        int mark = Byte.toUnsignedInt(payload.get(payload.position())); // the codec checked it is there
        if (MediaMark.audio(mark) && !from.audioWithinAllowance(message.remaining(), System.nanoTime())) {
            mark = mark & ~MediaMark.AUDIO | MediaMark.DROPPABLE | MediaMark.DISCARDABLE;
        }
        if (envelope.recipient() == Envelope.EVERYONE) {
            ByteBuffer shared = message.asReadOnlyBuffer();
            for (Connection other : room.members()) {
                if (other != from && other.joined() && other.admitted()) {
                    mediaTo(other, from.id(), mark, shared);
                }
            }
            return;
        }
        var to = room.member(envelope.recipient()).filter(Connection::joined);
        if (to.isEmpty()) {
            from.send(control.error(from.id(), RelayStatus.NOT_PRESENT.error(), "Participant "
                    + Integer.toUnsignedString(envelope.recipient()) + " is not in the meeting."));
            return;
        }
        mediaTo(to.get(), from.id(), mark, message.asReadOnlyBuffer());
    }

    /** README §12: a receiver's MEDIA_ACK is for the relay alone and goes nowhere. */
    private void mediaAcknowledged(Connection from, Envelope envelope) {
        if (envelope.recipient() != Envelope.EVERYONE) {
            from.close(Failure.INVALID_INPUT, "A MEDIA_ACK is for the relay: its recipient must be 0.");
            return;
        }
        ByteBuffer payload = envelope.payload();
        long total = payload.getLong(payload.position()); // the codec checked it is 8 bytes
        switch (from.mediaAcknowledged(total, System.nanoTime())) {
            case ACCEPTED -> { }
            case MORE_THAN_SENT -> from.close(Failure.INVALID_INPUT, "A MEDIA_ACK counts at most the " + from.mediaSent()
                    + " media bytes sent to you, got " + Long.toUnsignedString(total) + ".");
            case BACKWARDS -> from.close(Failure.INVALID_INPUT, "A MEDIA_ACK never counts back, got "
                    + Long.toUnsignedString(total) + " after more.");
        }
    }

    private void mediaTo(Connection to, int from, int mark, ByteBuffer message) {
        if (to.sendMedia(message, from, mark) == Connection.Media.GAP_OPENED) {
            int stream = MediaMark.stream(mark);
            log.atDebug().addKeyValue("participant", to.id()).addKeyValue("from", from).addKeyValue("stream", stream)
                    .log("relay drops media to a receiver behind");
            to.send(control.mediaDropped(to.id(), from, stream));
        }
    }

    /** Forwards to the one present recipient; returns it, or empty (and tells the sender) when it is not there. */
    private Optional<Connection> toOne(Room room, Connection from, Envelope envelope, ByteBuffer message) {
        var to = room.member(envelope.recipient()).filter(Connection::joined);
        if (to.isEmpty()) {
            from.send(control.error(from.id(), RelayStatus.NOT_PRESENT.error(), "Participant "
                    + Integer.toUnsignedString(envelope.recipient()) + " is not in the meeting."));
            return Optional.empty();
        }
        to.get().send(message.asReadOnlyBuffer());
        return to;
    }

    /** Forwarded first, then marked: the ADMIT reaches the newcomer before any broadcast that now includes it. */
    private void admitted(Connection newcomer) {
        if (!newcomer.admitted()) {
            newcomer.admit();
            log.atInfo().addKeyValue("room", newcomer.entrant().room()).addKeyValue("participant", newcomer.id()).log("relay admit");
        }
    }

    /**
     * A waiting participant sent what only an admitted one may: refused, forwarded to no one. The
     * connection stays open (an answer, not a close, so a client can say what happened); the
     * waiting rate bounds how many refusals it can cause, and a flood is closed as any flood is.
     */
    private static boolean toAdmitted(Room room, int recipient) {
        return room.member(recipient).filter(Connection::admitted).isPresent();
    }

    private void notAdmitted(Connection from, Envelope envelope) {
        if (from.firstRefusal()) {
            log.atWarn().addKeyValue("room", from.entrant().room()).addKeyValue("participant", from.id())
                    .addKeyValue("type", envelope.type()).log("relay refused a message from a participant not admitted");
        }
        from.send(control.error(from.id(), RelayStatus.NOT_ADMITTED.error(),
                "You are still waiting to be let in: nothing you send reaches the others until someone admits you."));
    }

    /** The connection closed, for whatever reason: it leaves its room and the others are told. */
    void closed(Connection who) {
        closed(who, RelayStatus.NORMAL.closeCode());
    }

    /**
     * As {@link #closed(Connection)}, with the close code the connection ended with: the others hear
     * whether it was lost (no LEAVE, no close of ours, and the peer neither said goodbye nor went
     * away) rather than left, so a presenter whose network dropped is shown as such.
     */
    void closed(Connection who, int status) {
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
            boolean lost = !who.closedByUs() && status != RelayStatus.NORMAL.closeCode()
                    && status != RelayStatus.GOING_AWAY.closeCode();
            ByteBuffer left = control.left(who.id(), lost);
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

    /** Every room now, as the roster shows it: who (name, role), since when, admitted or waiting. Never content. */
    java.util.List<LiveRoom> liveRooms() {
        var live = new java.util.ArrayList<LiveRoom>();
        for (Room room : rooms.values()) {
            var present = room.members().stream().filter(Connection::joined)
                    .map(c -> new LiveRoom.Present(c.id(), c.entrant().name(), c.entrant().role(), c.joinedAt(), c.admitted()))
                    .sorted(java.util.Comparator.comparingInt(LiveRoom.Present::participant)).toList();
            live.add(new LiveRoom(room.roomId(), room.opened(), present));
        }
        live.sort(java.util.Comparator.comparing(LiveRoom::opened));
        return live;
    }

    /** Closes every connection of this account, in every room (an operator disabled it). */
    int evictAccount(UUID accountId, Failure failure, String reason) {
        int evicted = 0;
        for (UUID roomId : java.util.List.copyOf(rooms.keySet())) {
            evicted += evict(roomId, e -> e.accountId().filter(accountId::equals).isPresent(), failure, reason);
        }
        return evicted;
    }

    int present(UUID roomId) {
        Room room = rooms.get(roomId);
        return room == null ? 0 : room.members().size();
    }
}
