package org.parley.account;

import java.time.Duration;

/** What a mailed one-time token is for, and how long it stays valid. */
enum TokenPurpose {
    VERIFY_EMAIL(Duration.ofDays(2)),
    CHANGE_EMAIL(Duration.ofDays(2)),
    RESET_PASSWORD(Duration.ofHours(1));

    private final Duration lifetime;

    TokenPurpose(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }
}
