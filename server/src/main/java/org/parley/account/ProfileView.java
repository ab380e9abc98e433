package org.parley.account;

import java.time.Instant;
import java.util.UUID;

/** The account as its owner sees it in the API; pendingEmail and policyToAccept are null when there is none. */
public record ProfileView(UUID id, String email, String firstName, String lastName, boolean emailVerified,
                          Instant createdAt, Preferences preferences, String pendingEmail, Integer policyToAccept) {

    static ProfileView of(Account a, PendingPolicy policy) {
        return new ProfileView(a.id(), a.email().value(), a.firstName(), a.lastName(), a.emailVerified(), a.createdAt(),
                a.preferences(), a.pendingEmail().map(EmailAddress::value).orElse(null),
                policy.versionToAccept(a.id()).orElse(null));
    }

    /** What registration answers: the same shape whether or not the address was already taken. */
    record Registered(UUID id, String email, String firstName, String lastName) {
    }
}
