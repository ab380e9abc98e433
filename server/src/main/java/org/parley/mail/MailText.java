package org.parley.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** The human-readable text of a mail: the whole body, or the first text/plain part of one with attachments. */
public final class MailText {
    private MailText() {
    }

    public static String of(MimeMessage message) throws IOException, MessagingException {
        Object content = message.getContent();
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(parts.getBodyPart(i).getContent());
                }
            }
            return "";
        }
        return String.valueOf(content);
    }
}
