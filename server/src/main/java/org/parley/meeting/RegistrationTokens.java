package org.parley.meeting;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.parley.security.Hmac;
import org.parley.security.SecretToken;

/**
 * A registrant's personal token, HMAC-SHA256 of the registration id under a server key. Derived
 * rather than stored: the confirmation, the approval and the reminder all carry the same link,
 * while the database holds only the token's SHA-256 for look-up.
 */
final class RegistrationTokens {
    private final byte[] key;

    RegistrationTokens(byte[] key) {
        this.key = key.clone();
    }

    SecretToken of(UUID registrationId) {
        byte[] tag = Hmac.sha256(key, ("parley registration v1\0" + registrationId).getBytes(StandardCharsets.UTF_8));
        return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
    }
}
