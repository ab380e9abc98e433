package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.account.AccountSteps.PASSWORD;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ApiClient;
import org.parley.Mails;
import org.parley.TestServer;
import org.parley.account.AccountSteps;

/**
 * Marketing consent: newsletters reach only accounts that opted in, every one carries RFC 8058
 * one-click unsubscribe headers that work without a cookie, and transactional mail still goes.
 */
class MarketingMailTest {
    private static final Pattern ONE_CLICK = Pattern.compile("<(https?://[^>]+(/api/v1/unsubscribe/[A-Za-z0-9_.-]+))>");
    private static TestServer server;
    private static ApiClient subscriber;
    private static ApiClient offersOnly;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        subscriber = server.client();
        subscriber.registerAndSignIn(server, "News", "Reader", "reader@example.com", PASSWORD);
        subscriber.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", false));
        server.client().registerAndSignIn(server, "Quiet", "Person", "quiet@example.com", PASSWORD);
        offersOnly = server.client();
        offersOnly.registerAndSignIn(server, "Deal", "Hunter", "deals@example.com", PASSWORD);
        offersOnly.put("/api/v1/me/preferences", Map.of("newsletter", false, "offers", true));
        server.client().post("/api/v1/accounts", AccountSteps.applicant("Never", "Confirmed", "unconfirmed@example.com"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final List<String> EVERYONE = List.of("reader@example.com", "quiet@example.com", "deals@example.com",
            "unconfirmed@example.com", "stranger@example.com");

    private static int sendNewsletter(String subject) {
        return new Newsletter(server.server().mailer()).send(EVERYONE, MailCategory.NEWSLETTER, subject, "What is new in Parley.");
    }

    private static List<MimeMessage> received(String subject) {
        return server.mails().stream().filter(m -> Mails.subject(m).equals(subject)).toList();
    }

    @Test
    void aNewsletterGoesOnlyToAccountsThatOptedIn() {
        int queued = sendNewsletter("Parley news, issue 1");

        assertThat(queued).isEqualTo(1);
        server.awaitMail("reader@example.com", "Parley news, issue 1");
        assertThat(received("Parley news, issue 1")).singleElement().satisfies(m -> assertThat(Mails.to(m)).isEqualTo("reader@example.com"));
        assertThat(new Newsletter(server.server().mailer()).send(EVERYONE, MailCategory.OFFERS, "Parley offer", "A deal.")).isEqualTo(1);
        server.awaitMail("deals@example.com", "Parley offer");
    }

    @Test
    void everyMarketingMailCarriesOneClickUnsubscribeHeadersThatWorkWithoutACookie() {
        var client = server.client();
        client.registerAndSignIn(server, "One", "Click", "oneclick@example.com", PASSWORD);
        client.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", true));
        new Newsletter(server.server().mailer()).send(List.of("oneclick@example.com"), MailCategory.NEWSLETTER, "Issue 2", "News.");
        var mail = server.awaitMail("oneclick@example.com", "Issue 2");

        var header = ONE_CLICK.matcher(Mails.header(mail, "List-Unsubscribe"));
        assertThat(header.matches()).as(Mails.header(mail, "List-Unsubscribe")).isTrue();
        assertThat(Mails.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(URI.create(header.group(1)).getScheme()).isIn("http", "https");
        assertThat(Mails.text(mail)).contains("nsubscribe");

        // RFC 8058 §3.1: the mail client POSTs this body to the URL, with no cookie and no other context
        var oneClick = new ApiClient(server.baseUrl()).send("POST", header.group(2), "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(oneClick.status()).as(oneClick.body()).isBetween(200, 299);
        var preferences = client.get("/api/v1/me/preferences").json();
        assertThat(preferences.path("newsletter").asBoolean()).isFalse();
        assertThat(preferences.path("offers").asBoolean()).isFalse();
        assertThat(new Newsletter(server.server().mailer()).send(List.of("oneclick@example.com"), MailCategory.NEWSLETTER, "Issue 3", "")).isZero();

        assertThat(server.client().post("/api/v1/password-reset", Map.of("email", "oneclick@example.com")).status()).isEqualTo(202);
        server.awaitMail("oneclick@example.com", "Reset your Parley password");
    }

    @Test
    void aForgedOrAlteredUnsubscribeTokenIsRefusedAndChangesNothing() {
        var victim = server.client();
        victim.registerAndSignIn(server, "Keeps", "Subscribing", "keeps@example.com", PASSWORD);
        victim.put("/api/v1/me/preferences", Map.of("newsletter", true, "offers", true));
        new Newsletter(server.server().mailer()).send(List.of("keeps@example.com"), MailCategory.NEWSLETTER, "Issue for keeps", "News.");
        var header = ONE_CLICK.matcher(Mails.header(server.awaitMail("keeps@example.com", "Issue for keeps"), "List-Unsubscribe"));
        assertThat(header.matches()).isTrue();
        String path = header.group(2);
        String token = path.substring(path.lastIndexOf('/') + 1);
        String tag = token.substring(token.indexOf('.') + 1);
        String otherAddress = Base64.getUrlEncoder().withoutPadding().encodeToString("reader@example.com".getBytes());
        String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = base64url.indexOf(tag.charAt(tag.length() - 1));
        // the last character of a 32-byte tag carries 4 bits and 2 spare ones: flip a spare bit, then a real one
        String spareBitFlipped = token.substring(0, token.length() - 1) + base64url.charAt(last ^ 1);
        String realBitFlipped = token.substring(0, token.length() - 1) + base64url.charAt(last ^ 4);
        String middleChanged = token.substring(0, token.length() - 10) + (token.charAt(token.length() - 10) == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 9);

        for (String forged : List.of(otherAddress + "." + tag, spareBitFlipped, realBitFlipped, middleChanged,
                "a2VlcHNAZXhhbXBsZS5jb20", "a2VlcHNAZXhhbXBsZS5jb20.", "bm9ib2R5.AAAA", "%25%25%25", "._-", "x".repeat(700) + ".AAAA")) {
            var refused = new ApiClient(server.baseUrl()).send("POST", "/api/v1/unsubscribe/" + forged, "List-Unsubscribe=One-Click",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(refused.status()).as(forged + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_token");
        }
        assertThat(victim.get("/api/v1/me/preferences").json().path("newsletter").asBoolean()).isTrue();
        assertThat(subscriber.get("/api/v1/me/preferences").json().path("newsletter").asBoolean()).isTrue();
    }

    @Test
    void theUnsubscribeFormAnswers202WithTheSameBodyWhateverTheEmail() {
        var known = server.client().post("/api/v1/unsubscribe", Map.of("email", "deals@example.com", "newsletter", false, "offers", false));
        var unknown = server.client().post("/api/v1/unsubscribe", Map.of("email", "nobody.at.all@example.com", "newsletter", false, "offers", false));

        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(offersOnly.get("/api/v1/me/preferences").json().path("offers").asBoolean()).isFalse();
    }
}
