package org.parley.mail;

import java.util.Collection;

/**
 * Sends one marketing mail to a list of addresses. Whatever list it is given — even "every
 * address we have" — only addresses whose accounts opted in receive it: the Mailer checks consent
 * for each one.
 */
public final class Newsletter {
    private final Mailer mailer;

    public Newsletter(Mailer mailer) {
        this.mailer = mailer;
    }

    /** Returns how many mails were queued. */
    public int send(Collection<String> addresses, MailCategory category, String subject, String text) {
        if (!category.marketing()) {
            throw new IllegalArgumentException("a newsletter is marketing mail, not " + category);
        }
        int queued = 0;
        for (String address : addresses) {
            if (mailer.send(new Mail(address, subject, text, category))) {
                queued++;
            }
        }
        return queued;
    }
}
