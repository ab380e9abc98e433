package org.parley;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The folder a server without SMTP writes its mail to, one .eml file per mail, read by a test. */
public final class Outbox {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final Path folder;

    public Outbox(Path folder) {
        this.folder = folder;
    }

    /** The first mail to {@code to} whose subject contains {@code subjectPart}, waiting for it up to 10 s. */
    public MimeMessage await(String to, String subjectPart) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : mails()) {
                if (Mails.to(mail).contains(to) && Mails.subject(mail).contains(subjectPart)) {
                    return mail;
                }
            }
            pause();
        }
        throw new AssertionError("no mail to " + to + " about \"" + subjectPart + "\" in " + folder + "; it has "
                + mails().stream().map(m -> Mails.to(m) + " \"" + Mails.subject(m) + "\"").toList());
    }

    List<MimeMessage> mails() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).map(Outbox::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MimeMessage read(Path eml) {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(eml + " is not a mail", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
