package org.parley.meeting;

import java.time.Instant;
import java.util.UUID;

/** A file attached to a training for its registrants (the content is read separately, on download). */
record Material(UUID id, UUID meetingId, String name, String contentType, int size, Instant uploadedAt) {
}
