package org.parley.account;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.ApiClient;
import org.parley.Mails;
import org.parley.TestServer;

/** Steps of account journeys that several test packages share: mailed links, registering without signing in. */
public final class AccountSteps {
    public static final String PASSWORD = "correct horse battery staple 91";
    public static final String OTHER_PASSWORD = "violet submarine orchestra lantern 42";
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private AccountSteps() {
    }

    /** The token parameter of a mailed link. */
    public static String token(String link) {
        Matcher m = TOKEN.matcher(link);
        if (!m.find()) {
            throw new AssertionError("no token in " + link);
        }
        return m.group(1);
    }

    public static Map<String, Object> applicant(String first, String last, String email) {
        return Map.of("firstName", first, "lastName", last, "email", email, "password", PASSWORD);
    }

    /** Mails received so far to {@code address} whose subject contains {@code subjectPart}, oldest first. */
    public static List<MimeMessage> mailsTo(TestServer server, String address, String subjectPart) {
        return server.mails().stream().filter(m -> Mails.to(m).contains(address) && Mails.subject(m).contains(subjectPart)).toList();
    }

    /** Registers, verifies through the mailed link and signs in, with the same extra headers on every request. */
    public static ApiClient.Response registerAndSignIn(TestServer server, ApiClient client, Map<String, String> headers,
                                                       String first, String last, String email) {
        var created = client.send("POST", "/api/v1/accounts", applicant(first, last, email), headers);
        if (created.status() != 201) {
            throw new AssertionError("registration failed: " + created);
        }
        String token = token(TestServer.link(server.awaitMail(email, "Confirm your email"), "/verify.html"));
        var verified = client.send("POST", "/api/v1/accounts/verify", Map.of("token", token), headers);
        if (verified.status() != 204) {
            throw new AssertionError("verification failed: " + verified);
        }
        return client.send("POST", "/api/v1/session", Map.of("email", email, "password", PASSWORD, "remember", false), headers);
    }
}
