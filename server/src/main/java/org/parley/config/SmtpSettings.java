package org.parley.config;

import java.util.Optional;

/** Where mail goes when an SMTP host is configured; without one, mail goes to the outbox folder. */
public record SmtpSettings(String host, int port, Optional<String> user, Optional<String> password, String from) {
}
