package org.parley.relay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A room with people in it now, as the operator's page shows it: metadata the relay needs anyway
 * (who is connected under which roster name and role, since when). Never content: the relay has none.
 *
 * @param room    the meeting, support session or computer the room belongs to
 * @param opened  when the first of those present (or their predecessors, without a break) came in
 * @param present everyone who sent a JOIN, admitted or still waiting for a keyholder
 */
public record LiveRoom(UUID room, Instant opened, List<Present> present) {
    public LiveRoom {
        present = List.copyOf(present);
    }

    /** One connection: the relay's participant number, the roster name and role, when it joined. */
    public record Present(int participant, String name, String role, Instant since, boolean admitted) {
    }
}
