package org.parley.support;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One support session as stored: metadata only. */
record SupportSession(UUID id, Optional<UUID> teamId, Optional<UUID> technicianId, Optional<String> technicianName,
                      Optional<String> technicianEmail, Instant keyExpiresAt, boolean keyUnused, Optional<String> customerName,
                      Optional<String> problem, Instant createdAt, Optional<Instant> redeemedAt, Optional<Instant> startedAt,
                      Optional<Instant> endedAt, Optional<Instant> customerAwaySince) {

    /**
     * queued (a team's, nobody picked it up), waiting (for the customer), connected, reconnecting
     * (the customer's connection was lost; they may come back), ended or expired.
     */
    String status(Instant now) {
        if (endedAt.isPresent()) {
            return "ended";
        }
        if (redeemedAt.isEmpty() && !now.isBefore(keyExpiresAt)) {
            return "expired";
        }
        if (technicianId.isEmpty()) {
            return "queued";
        }
        if (startedAt.isEmpty()) {
            return "waiting";
        }
        return customerAwaySince.isPresent() ? "reconnecting" : "connected";
    }

    boolean open(Instant now) {
        String status = status(now);
        return !status.equals("ended") && !status.equals("expired");
    }
}
