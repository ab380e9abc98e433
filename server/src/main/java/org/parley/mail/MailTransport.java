package org.parley.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Where composed messages go: an SMTP server, or the outbox folder. */
public interface MailTransport {
    void deliver(MimeMessage message) throws MessagingException;
}
