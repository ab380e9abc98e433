package org.parley.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Without SMTP, each message becomes an .eml file in the outbox folder, written whole or not at all. */
public final class OutboxTransport implements MailTransport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private final Path folder;

    public OutboxTransport(Path folder) {
        this.folder = folder;
    }

    @Override
    public void deliver(MimeMessage message) throws MessagingException {
        try {
            Files.createDirectories(folder);
            String name = STAMP.format(Instant.now()) + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".eml";
            Path partial = folder.resolve(name + ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MessagingException("cannot write to outbox " + folder, e);
        }
    }
}
