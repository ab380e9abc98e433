package org.parley.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An account as stored; the password hash stays in the store and is never part of this type. */
public record Account(
        UUID id,
        EmailAddress email,
        String firstName,
        String lastName,
        boolean emailVerified,
        Optional<EmailAddress> pendingEmail,
        Instant createdAt,
        Instant passwordChangedAt,
        Preferences preferences) {

    public String fullName() {
        return firstName + " " + lastName;
    }
}
