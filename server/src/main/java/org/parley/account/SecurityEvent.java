package org.parley.account;

import java.time.Instant;

/** One line of an account's security history. */
public record SecurityEvent(Instant at, String event, String ip, String userAgent) {
}
