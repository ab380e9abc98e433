package org.parley.session;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.parley.Mails;

/** The folder a server without SMTP writes its mail to, one .eml file per mail, read by a test. */
final class MailFolder {
    private final Path folder;

    MailFolder(Path folder) {
        this.folder = folder;
    }

    /** The first mail to {@code to} whose subject contains {@code subject}, waiting for it up to the deadline. */
    MimeMessage await(String to, String subject) {
        long deadline = System.nanoTime() + Recorder.DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : mails()) {
                if (Mails.to(mail).contains(to) && Mails.subject(mail).contains(subject)) {
                    return mail;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no mail \"" + subject + "\" to " + to + " in " + folder);
    }

    private List<MimeMessage> mails() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).map(MailFolder::read).toList();
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
}
