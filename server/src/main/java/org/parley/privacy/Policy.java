package org.parley.privacy;

import java.time.Instant;

/** One published version of the privacy policy. Material versions must be accepted by existing accounts. */
public record Policy(int version, Instant effectiveAt, Instant publishedAt, boolean material, String text) {
}
