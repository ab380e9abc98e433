package org.parley.mail;

import java.util.List;

/** One message to one address, in plain text, with optional attachments (e.g. a calendar invite). */
public record Mail(String to, String subject, String text, MailCategory category, List<Attachment> attachments) {

    public Mail {
        attachments = List.copyOf(attachments);
    }

    public Mail(String to, String subject, String text, MailCategory category) {
        this(to, subject, text, category, List.of());
    }

    public static Mail transactional(String to, String subject, String text) {
        return new Mail(to, subject, text, MailCategory.TRANSACTIONAL);
    }

    public Mail with(Attachment attachment) {
        var all = new java.util.ArrayList<>(attachments);
        all.add(attachment);
        return new Mail(to, subject, text, category, all);
    }

    /** A file sent with the mail; {@code contentType} may carry parameters, e.g. {@code text/calendar; method=REQUEST}. */
    public record Attachment(String fileName, String contentType, String content) {
    }
}
