package org.parley;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading received test mails without checked exceptions. */
public final class Mails {
    private Mails() {
    }

    public static String to(MimeMessage m) {
        try {
            var to = m.getAllRecipients();
            return to == null ? "" : Stream.of(to).map(a -> a.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text body; for a mail with attachments, its first text/plain part. */
    public static String text(MimeMessage m) {
        try {
            return org.parley.mail.MailText.of(m);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, ", ");
            return value == null ? "" : value;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
