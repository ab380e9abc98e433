package org.parley.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.parley.config.SmtpSettings;

/** Delivers through the configured SMTP server (STARTTLS when offered), with timeouts so a dead server cannot hang us. */
public final class SmtpTransport implements MailTransport {
    private final SmtpSettings settings;
    private final Session session;

    public SmtpTransport(SmtpSettings settings) {
        this.settings = settings;
        var props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        this.session = Session.getInstance(props);
    }

    Session session() {
        return session;
    }

    /**
     * Connects through this transport's own session: {@code Transport.send(message)} would use the
     * session the message was composed in, which knows no SMTP host and tries localhost:25.
     */
    @Override
    public void deliver(MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), settings.user().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
