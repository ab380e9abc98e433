package org.parley.privacy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.parley.account.EmailAddress;
import org.parley.config.PublicUrl;
import org.parley.mail.UnsubscribeLinks;
import org.parley.security.Hmac;

/**
 * Unsubscribe links that need no sign-in: the address and an HMAC-SHA256 over it with a server
 * key, so a link works for its own address only and cannot be forged for another.
 */
public final class UnsubscribeTokens implements UnsubscribeLinks {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;
    private final PublicUrl base;

    public UnsubscribeTokens(byte[] key, PublicUrl base) {
        this.key = key.clone();
        this.base = base;
    }

    public String sign(String address) {
        byte[] addressBytes = address.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(addressBytes) + "." + ENCODER.encodeToString(mac(addressBytes));
    }

    /** The address a token was made for, if the token is genuine. */
    public Optional<EmailAddress> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 600) {
            return Optional.empty();
        }
        try {
            byte[] address = Base64.getUrlDecoder().decode(token.substring(0, dot));
            // compared as text, so only the canonical encoding is accepted: the decoder ignores the spare
            // bits of a last base64 character, and an altered link must not keep working
            String genuine = ENCODER.encodeToString(address) + "." + ENCODER.encodeToString(mac(address));
            if (!MessageDigest.isEqual(genuine.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            return Optional.of(new EmailAddress(new String(address, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | org.parley.web.ParleyException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public URI oneClick(String address) {
        return URI.create(base.get() + "/api/v1/unsubscribe/" + sign(address));
    }

    @Override
    public URI page(String address) {
        return URI.create(base.get() + "/unsubscribe.html?token=" + sign(address));
    }

    private byte[] mac(byte[] address) {
        return Hmac.sha256(key, "parley unsubscribe v1\0".getBytes(StandardCharsets.UTF_8), address);
    }
}
