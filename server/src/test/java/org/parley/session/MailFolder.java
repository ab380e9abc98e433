package org.parley.session;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import org.parley.Outbox;

/** The folder a server without SMTP writes its mail to, one .eml file per mail, read by a test. */
final class MailFolder {
    private final Outbox outbox;

    MailFolder(Path folder) {
        this.outbox = new Outbox(folder);
    }

    /** The first mail to {@code to} whose subject contains {@code subject}, waiting for it up to the deadline. */
    MimeMessage await(String to, String subject) {
        return outbox.await(to, subject);
    }
}
