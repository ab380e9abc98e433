package org.parley.meeting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(("parley registration v1\0" + registrationId).getBytes(StandardCharsets.UTF_8));
            return new SecretToken(Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", impossible);
        }
    }
}
