package org.parley.security;

import org.parley.web.ClientInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's security log: refused keys, guessed passwords, lockouts — with time (the log's),
 * IP and user agent. It goes to the logger {@code org.parley.security}, which an operator can
 * route to its own file; it never carries a secret (keys and passwords are not logged, even wrong ones).
 */
public final class SecurityLog {
    /** The logger's name; the server also writes it to {@code security.log} in its data folder. */
    public static final String LOGGER = "org.parley.security";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private SecurityLog() {
    }

    public static void refused(String what, ClientInfo client, String detail) {
        log.atWarn().addKeyValue("event", what).addKeyValue("ip", client.ip()).addKeyValue("userAgent", client.userAgent())
                .addKeyValue("detail", detail).log("security: " + what);
    }

    /**
     * Something no single refusal shows: an attack spread over many addresses (e.g. wrong support
     * keys across the key space). Logged at ERROR so an operator's alerting picks it up; {@code client}
     * is the request that crossed the threshold.
     */
    public static void alarm(String what, ClientInfo client, String detail) {
        log.atError().addKeyValue("event", what).addKeyValue("ip", client.ip()).addKeyValue("userAgent", client.userAgent())
                .addKeyValue("detail", detail).log("security alarm: " + what);
    }

    public static void event(String what, String subject, String detail) {
        log.atInfo().addKeyValue("event", what).addKeyValue("subject", subject).addKeyValue("detail", detail)
                .log("security: " + what);
    }
}
