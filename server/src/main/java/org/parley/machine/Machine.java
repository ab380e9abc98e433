package org.parley.machine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * A machine as stored. {@code ownerId} is empty while it waits for approval; {@code pausedUntil}
 * empty with access {@code PAUSED} is a pause until the owner lifts it.
 */
record Machine(UUID id, Optional<UUID> ownerId, Optional<String> ownerName, String name, Status access,
               Optional<Instant> pausedUntil, Instant enrolledAt, Optional<Instant> pairingExpiresAt,
               Optional<Instant> lastSeenAt) {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The access in force now: a pause whose end has passed is no pause. */
    Status status(Instant now) {
        if (access == Status.PAUSED && pausedUntil.isPresent() && !now.isBefore(pausedUntil.get())) {
            return Status.ENABLED;
        }
        return access;
    }

    /** The pause's end while it lasts; empty when not paused or paused until further notice. */
    Optional<Instant> pausedUntil(Instant now) {
        return status(now) == Status.PAUSED ? pausedUntil : Optional.empty();
    }

    /** An unapproved machine whose pairing code ran out: refused everything until purged. */
    boolean expired(Instant now) {
        return ownerId.isEmpty() && pairingExpiresAt.map(at -> !now.isBefore(at)).orElse(true);
    }

    boolean ownedBy(UUID accountId) {
        return ownerId.map(accountId::equals).orElse(false);
    }

    ParleyException paused() {
        return new ParleyException(Failure.PAUSED, pausedMessage());
    }

    String pausedMessage() {
        return "Access to " + quoted() + pausedUntil.map(at -> " is paused until " + UNTIL.format(at) + ".").orElse(" is paused.");
    }

    ParleyException revoked() {
        return new ParleyException(Failure.REVOKED, revokedMessage());
    }

    String revokedMessage() {
        return "Access to " + quoted() + " was revoked by its owner.";
    }

    ParleyException offline() {
        return new ParleyException(Failure.OFFLINE, quoted() + " is not online.");
    }

    String quoted() {
        return "\u201c" + name + "\u201d";
    }
}
