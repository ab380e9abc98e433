package org.parley.mail;

/** One message to one address, in plain text. */
public record Mail(String to, String subject, String text, MailCategory category) {
    public static Mail transactional(String to, String subject, String text) {
        return new Mail(to, subject, text, MailCategory.TRANSACTIONAL);
    }
}
