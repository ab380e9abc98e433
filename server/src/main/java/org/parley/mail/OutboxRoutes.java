package org.parley.mail;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.web.ParleyException;

/**
 * {@code /dev/outbox}: the mails written to the outbox folder, newest first, with clickable
 * links, so a newcomer without SMTP can verify an account. Registered only in outbox mode.
 */
public final class OutboxRoutes {
    private static final Pattern FILE_NAME = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9]{3}-[0-9a-f]{1,16}\\.eml");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    private final Path folder;
    private final Session session = Session.getInstance(new Properties());

    public OutboxRoutes(Path folder) {
        this.folder = folder;
    }

    public void register(RoutesConfig routes) {
        routes.get("/dev/outbox", this::list);
        routes.get("/dev/outbox/{name}", this::show);
    }

    private void list(Context ctx) throws IOException, MessagingException {
        var html = new StringBuilder(page("Outbox")).append("<h1>Outbox</h1><p>Mail that would have been sent. "
                + "Configure PARLEY_SMTP_HOST to send real mail.</p><ul class=\"outbox\">");
        for (Path file : files()) {
            MimeMessage message = read(file);
            html.append("<li><a href=\"/dev/outbox/").append(file.getFileName()).append("\">")
                    .append(escape(message.getSubject())).append("</a> to ")
                    .append(escape(String.join(", ", addresses(message)))).append("</li>");
        }
        ctx.html(html.append("</ul></main></body></html>").toString());
    }

    private void show(Context ctx) throws IOException, MessagingException {
        String name = ctx.pathParam("name");
        Path file = folder.resolve(name);
        if (!FILE_NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw ParleyException.notFound();
        }
        MimeMessage message = read(file);
        String text = MailText.of(message);
        String body = LINK.matcher(escape(text)).replaceAll(m -> "<a href=\"" + m.group() + "\">" + m.group() + "</a>");
        ctx.html(page(message.getSubject()) + "<p><a href=\"/dev/outbox\">← Outbox</a></p><h1>" + escape(message.getSubject())
                + "</h1><p>To: " + escape(String.join(", ", addresses(message))) + "</p><pre class=\"mail\">" + body
                + "</pre></main></body></html>");
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> b.getFileName().compareTo(a.getFileName())).limit(200).toList();
        }
    }

    private MimeMessage read(Path file) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(session, in);
        }
    }

    private static List<String> addresses(MimeMessage message) throws MessagingException {
        var to = message.getAllRecipients();
        return to == null ? List.of() : Stream.of(to).map(Object::toString).toList();
    }

    private static String page(String title) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " – Parley</title><link rel=\"stylesheet\" href=\"/css/parley.css\"></head><body><main>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
