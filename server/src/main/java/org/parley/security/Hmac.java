package org.parley.security;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 under one of the server's secrets: for tokens and codes only the server can make or recognise. */
public final class Hmac {
    private Hmac() {
    }

    /** HMAC-SHA256(key, parts[0] || parts[1] || …). */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA256 and takes a server secret as its key", impossible);
        }
    }
}
