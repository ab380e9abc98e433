package org.parley.meeting;

import java.net.URI;
import java.util.UUID;
import org.parley.config.PublicUrl;
import org.parley.security.SecretToken;

/** The addresses of meeting pages that go into mails and invites, under the server's public URL. */
final class MeetingLinks {
    private final PublicUrl base;

    MeetingLinks(PublicUrl base) {
        this.base = base;
    }

    /** The meeting page; the session secret (#k=…) is added by the organizer's browser, never here. */
    URI meeting(UUID id) {
        return URI.create(base.get() + "/meeting.html?id=" + id);
    }

    URI registrationPage(UUID id) {
        return URI.create(base.get() + "/event.html?id=" + id);
    }

    /** A registrant's personal link: the token stands in for an account. */
    URI personalJoin(UUID id, SecretToken token) {
        return URI.create(base.get() + "/meeting.html?id=" + id + "&registration=" + token.value());
    }

    /** The page where a registrant removes their registration and their data from the event. */
    URI removal(SecretToken token) {
        return URI.create(base.get() + "/registration.html?token=" + token.value());
    }

    URI register(String email) {
        return URI.create(base.get() + "/register.html?email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
    }
}
