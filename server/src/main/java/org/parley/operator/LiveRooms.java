package org.parley.operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.parley.relay.LiveRoom;
import org.parley.relay.RelayFeature;

/**
 * The live rooms as the operator sees them: what kind of room, whose (the organizer, technician or
 * owner), since when, how many, and who under which roster name. Not the meeting's subject or the
 * customer's problem text: the operator needs to know a room is busy, not what it is about.
 */
final class LiveRooms {
    private final RelayFeature relay;
    private final Jdbi jdbi;

    LiveRooms(RelayFeature relay, Jdbi jdbi) {
        this.relay = relay;
        this.jdbi = jdbi;
    }

    record View(UUID room, String kind, String owner, Instant opened, int admitted, int waiting, List<LiveRoom.Present> present) {
    }

    private record Whose(String kind, String owner) {
    }

    List<View> now() {
        return relay.liveRooms().stream().map(room -> {
            Whose whose = whose(room.room()).orElse(new Whose("unknown", null));
            int admitted = (int) room.present().stream().filter(LiveRoom.Present::admitted).count();
            return new View(room.room(), whose.kind(), whose.owner(), room.opened(), admitted, room.present().size() - admitted,
                    room.present());
        }).toList();
    }

    private Optional<Whose> whose(UUID room) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select 'meeting' as kind, a.email from meetings m join accounts a on a.id = m.organizer_id where m.id = :id "
                                + "union all select 'support', a.email from support_sessions s left join accounts a on a.id = s.technician_id where s.id = :id "
                                + "union all select 'computer', a.email from machines x left join accounts a on a.id = x.owner_id where x.id = :id")
                .bind("id", room).map((rs, ctx) -> new Whose(rs.getString(1), rs.getString(2))).findFirst());
    }
}
