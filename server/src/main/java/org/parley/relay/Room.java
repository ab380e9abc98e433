package org.parley.relay;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The participants of one room on this node, by session-local id (1–65535, the range the
 * SFrame KID has room for). Ids are not reused while the room lives, so a late frame from a
 * participant who left can never be taken for a newcomer's.
 */
final class Room {
    static final int MAX_ID = 65535;
    private final UUID roomId;
    private final java.time.Instant opened;
    private final Map<Integer, Connection> members = new ConcurrentHashMap<>();
    private int nextId = 1; // guarded by the relay's compute() on the room map

    Room(UUID roomId, java.time.Instant opened) {
        this.roomId = roomId;
        this.opened = opened;
    }

    /** When the first of the people now here (or before them, without a break) came in. */
    java.time.Instant opened() {
        return opened;
    }

    UUID roomId() {
        return roomId;
    }

    /** A new id for {@code who}, or empty when the room is full or out of ids. */
    Optional<Integer> seat(Connection who, int maxParticipants) {
        if (members.size() >= maxParticipants || nextId > MAX_ID) {
            return Optional.empty();
        }
        int id = nextId++;
        members.put(id, who);
        return Optional.of(id);
    }

    void remove(int id) {
        members.remove(id);
    }

    Optional<Connection> member(int id) {
        return Optional.ofNullable(members.get(id));
    }

    Collection<Connection> members() {
        return members.values();
    }

    boolean empty() {
        return members.isEmpty();
    }
}
