package org.parley.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail in the background, so no answer waits on (or reveals anything by the timing of) an
 * SMTP server. Marketing mail passes the consent gate here, and always carries RFC 8058
 * one-click unsubscribe headers and a link in its text.
 */
public final class Mailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int MAX_PENDING = 10_000;
    private final MailTransport transport;
    private final String from;
    private final MarketingConsent consent;
    private final UnsubscribeLinks unsubscribeLinks;
    private final Session session = Session.getInstance(new Properties());
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore pending = new Semaphore(MAX_PENDING);

    public Mailer(MailTransport transport, String from, MarketingConsent consent, UnsubscribeLinks unsubscribeLinks) {
        this.transport = transport;
        this.from = from;
        this.consent = consent;
        this.unsubscribeLinks = unsubscribeLinks;
    }

    /** Queues the mail; returns false if it will not be sent (no consent, or the queue is full). */
    public boolean send(Mail mail) {
        if (mail.category().marketing() && !consent.allows(mail.to(), mail.category())) {
            log.atDebug().addKeyValue("category", mail.category()).log("marketing mail dropped: no consent");
            return false;
        }
        if (!pending.tryAcquire()) {
            log.atWarn().addKeyValue("max", MAX_PENDING).log("mail queue full, dropping mail");
            return false;
        }
        workers.execute(() -> {
            try {
                transport.deliver(compose(mail));
            } catch (MessagingException | RuntimeException e) {
                log.atWarn().setCause(e).addKeyValue("category", mail.category()).log("mail delivery failed");
            } finally {
                pending.release();
            }
        });
        return true;
    }

    MimeMessage compose(Mail mail) throws MessagingException {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to()));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        String text = mail.text();
        if (mail.category().marketing()) {
            message.setHeader("List-Unsubscribe", "<" + unsubscribeLinks.oneClick(mail.to()) + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            text = text + "\n\n--\nYou get this because you asked for it in your Parley mail preferences.\n"
                    + "Unsubscribe with one click: " + unsubscribeLinks.page(mail.to()) + "\n";
        }
        if (mail.attachments().isEmpty()) {
            message.setText(text, "UTF-8");
        } else {
            message.setContent(withAttachments(text, mail.attachments()));
        }
        message.saveChanges();
        return message;
    }

    private static MimeMultipart withAttachments(String text, java.util.List<Mail.Attachment> attachments) throws MessagingException {
        var parts = new MimeMultipart("mixed");
        var body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        parts.addBodyPart(body);
        for (Mail.Attachment attachment : attachments) {
            var part = new MimeBodyPart();
            part.setContent(attachment.content(), attachment.contentType() + "; charset=UTF-8");
            part.setFileName(attachment.fileName());
            part.setHeader("Content-Transfer-Encoding", "base64");
            parts.addBodyPart(part);
        }
        return parts;
    }

    /** Waits for queued mail to go out (bounded), then stops. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                log.atWarn().log("mail still pending at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
