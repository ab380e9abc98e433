package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;
import static org.parley.web.ui.JavaParticipant.eventually;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.protocol.client.SessionClient;
import org.parley.protocol.client.DropReason;
import org.parley.protocol.client.SessionEvent;
import org.parley.protocol.keys.VerificationCode;

/**
 * People chat in a meeting from their browsers, end-to-end encrypted: the organizer starts the
 * session, an invitee with the invitation link (#k=…) is let in at once, another waits until the
 * organizer admits her; everyone reads everyone, a direct message reaches only its addressee,
 * the verification codes on all screens agree and change when someone leaves.
 */
class MeetingChatBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    private static final Pattern CODE = Pattern.compile("\\d{4} \\d{4} \\d{4} \\d{4}");
    @RegisterExtension
    static final Browsers browsers = new Browsers(() -> Browsers.inBerlin(1200, 900), 10_000);

    @Test
    void inviteesWithTheLinkOrAdmittedByHandChatWithTheOrganizerAndTheirCodesMatchAndChangeWhenOneLeaves() throws IOException {
        try (var server = TestServer.start()) {
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Nora", "Newcomer", "nora@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Launch review",
                    "invitees", List.of("ivan@example.com", "nora@example.com"))).json().path("id").asText();

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/meeting.html?id=" + id);
            olga.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            olga.waitForURL("**/session.html?id=" + id);
            assertThat(olga.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Launch review"))).isVisible();
            assertThat(olga.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            assertThat(person(olga, "Olga Organizer")).containsText("Holds the key");
            assertThat(olga.locator("#code")).hasText(CODE);
            String invitation = olga.getByLabel("Invitation link").inputValue();
            assertThat(invitation).matches(".*/meeting\\.html\\?id=" + id + "#k=[A-Za-z0-9_-]{43}$");
            shot(olga, "session-organizer-alone");

            Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
            ivan.navigate(onTestOrigin(server, invitation));
            assertThat(ivan.locator("#invitation-kept")).containsText("lets you in directly");
            assertThat(ivan.url()).doesNotContain("#");
            shot(ivan, "meeting-invitee-with-link");
            ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(ivan.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            assertThat(olga.locator("#people li")).hasCount(2);
            assertThat(ivan.locator("#people li")).hasCount(2);
            assertThat(ivan.locator("#code")).hasText(code(olga));

            Page nora = browsers.signedIn(server, "nora@example.com", PASSWORD);
            nora.navigate(server.baseUrl() + "/meeting.html?id=" + id);
            nora.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
            assertThat(nora.locator("#status")).hasText("Waiting for the person holding the key to let you in…");
            assertThat(nora.getByLabel("Message")).isDisabled();
            assertThat(ivan.locator("#waiting")).containsText("Nora Newcomer");
            assertThat(olga.locator("#announce")).hasText("Nora Newcomer is waiting to be let in.");
            assertThat(ivan.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Nora Newcomer"))).hasCount(0);
            shot(nora, "session-waiting");
            shot(olga, "session-organizer-sees-waiting");
            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Admit Nora Newcomer")).click();
            assertThat(nora.locator("#status")).hasText("You are in. Everything here is end-to-end encrypted.");
            for (Page page : List.of(olga, ivan, nora)) {
                assertThat(page.locator("#people li")).hasCount(3);
                assertThat(page.locator("#waiting-section")).isHidden();
            }
            // the Admit button went with the last person waiting: a keyboard user lands on the participants
            assertThat(olga.locator("#people-title")).isFocused();
            String codeOfThree = code(olga);
            assertThat(ivan.locator("#code")).hasText(codeOfThree);
            assertThat(nora.locator("#code")).hasText(codeOfThree);
            // the code is behind its button in the room's header, which says it changed
            assertThat(olga.locator("#code-toggle")).containsText("Code changed");
            olga.locator("#code-toggle").click();
            assertThat(olga.locator("#code-changed")).isVisible();
            olga.keyboard().press("Escape");

            say(olga, "Everyone", "Welcome, everyone!");
            say(ivan, "Olga Organizer only", "Just between us:\nthe numbers look good.");
            say(nora, "Everyone", "<b>Hello</b> & thanks");
            for (Page page : List.of(olga, ivan, nora)) {
                assertThat(message(page, "Welcome, everyone!")).isVisible();
                assertThat(message(page, "<b>Hello</b> & thanks")).isVisible();
            }
            assertThat(message(olga, "Just between us:\nthe numbers look good.")).containsText("Ivan Invitee to you only");
            assertThat(message(ivan, "Just between us:\nthe numbers look good.")).containsText("You to Olga Organizer only");
            assertThat(nora.locator("#chat-log li")).hasCount(2);
            assertThat(nora.locator("#chat-log")).not().containsText("Just between us");
            assertThat(olga.locator("#chat-log b")).hasCount(0);
            shot(olga, "session-chat-organizer");
            shot(ivan, "session-chat-invitee");

            var download = olga.waitForDownload(() -> olga.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Save chat")).click());
            String saved = Files.readString(download.path());
            assertThat(saved).contains("Chat of \"Launch review\"", "Welcome, everyone!", "Ivan Invitee to you only:",
                    "  the numbers look good.", "<b>Hello</b> & thanks");

            nora.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
            assertThat(nora.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You left the meeting"))).isVisible();
            for (Page page : List.of(olga, ivan)) {
                assertThat(page.locator("#people li")).hasCount(2);
                assertThat(page.locator("#code")).not().hasText(codeOfThree);
                assertThat(page.locator("#code-changed")).containsText("The code changed");
            }
            assertThat(ivan.locator("#code")).hasText(code(olga));
            shot(ivan, "session-after-leave");
            shot(nora, "session-left");

            olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
            assertThat(ivan.locator("#people li")).hasCount(1);
            assertThat(person(ivan, "Ivan Invitee")).containsText("Holds the key");
            say(ivan, "Everyone", "Still here.");
            assertThat(message(ivan, "Still here.")).isVisible();
        }
    }

    @Test
    void browsersAndTheJavaClientChatInOneSessionSeeOneCodeAndHandTheKeyToEachOther() throws InterruptedException {
        try (var server = TestServer.start()) {
            var organizerApi = server.client();
            organizerApi.registerAndSignIn(server, "Olga", "Organizer", "olga@example.com", PASSWORD);
            server.client().registerAndSignIn(server, "Ivan", "Invitee", "ivan@example.com", PASSWORD);
            var janApi = server.client();
            janApi.registerAndSignIn(server, "Jan", "Java", "jan@example.com", PASSWORD);
            String id = organizerApi.post("/api/v1/meetings", Map.of("kind", "meeting", "subject", "Interop",
                    "invitees", List.of("ivan@example.com", "jan@example.com"))).json().path("id").asText();

            Page olga = browsers.signedIn(server, "olga@example.com", PASSWORD);
            olga.navigate(server.baseUrl() + "/session.html?id=" + id);
            assertThat(person(olga, "Olga Organizer")).containsText("Holds the key");
            String invitation = olga.getByLabel("Invitation link").inputValue();
            String k = invitation.replaceFirst(".*#k=", "");

            // Jan joins from Java with the link's k: second to arrive, so the lowest id after the organizer's
            var events = new LinkedBlockingQueue<SessionEvent>();
            var chats = new CopyOnWriteArrayList<SessionEvent.ChatReceived>();
            var dropped = new CopyOnWriteArrayList<SessionEvent.Dropped>();
            try (SessionClient jan = JavaParticipant.join(server, id, janApi, k, events, event -> {
                if (event instanceof SessionEvent.ChatReceived chat) {
                    chats.add(chat);
                } else if (event instanceof SessionEvent.Dropped drop) {
                    dropped.add(drop);
                }
            })) {
                eventually(events, "Jan is let in", () -> jan.membership().map(m -> m.includes(jan.id())).orElse(false));

                Page ivan = browsers.signedIn(server, "ivan@example.com", PASSWORD);
                ivan.navigate(onTestOrigin(server, invitation));
                ivan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join now")).click();
                for (Page page : List.of(olga, ivan)) {
                    assertThat(page.locator("#people li")).hasCount(3);
                }
                eventually(events, "Jan sees three members", () -> jan.membership().map(m -> m.members().size() == 3).orElse(false));
                // compared once all three hold the same epoch: an admission may ratchet more than once
                // (one code per epoch), so Jan's first code of three can be overtaken a moment later
                eventually(events, "Jan, Olga and Ivan show one code", () -> jan.verificationCode().map(VerificationCode::text)
                        .filter(code -> code.equals(olga.locator("#code").textContent()) && code.equals(ivan.locator("#code").textContent()))
                        .isPresent());
                String codeOfThree = jan.verificationCode().orElseThrow().text();
                assertThat(olga.locator("#code")).hasText(codeOfThree);
                assertThat(ivan.locator("#code")).hasText(codeOfThree);
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("People")).click();
                assertThat(person(olga, "Jan Java")).isVisible();

                say(olga, "Everyone", "Hello from a browser");
                eventually(events, "Jan reads Olga", () -> chats.stream().anyMatch(c -> c.text().equals("Hello from a browser")
                        && c.senderName().equals("Olga Organizer") && !c.direct()));
                jan.sendChat("Hello from Java, to everyone");
                int ivanId = jan.participants().stream().filter(p -> p.name().equals("Ivan Invitee")).findFirst().orElseThrow().id();
                jan.sendChat("Only for Ivan, from Java", ivanId);
                assertThat(message(olga, "Hello from Java, to everyone")).containsText("Jan Java");
                assertThat(message(ivan, "Hello from Java, to everyone")).containsText("Jan Java");
                assertThat(message(ivan, "Only for Ivan, from Java")).containsText("Jan Java to you only");
                say(ivan, "Jan Java only", "Only for Jan, from a browser");
                eventually(events, "Jan reads Ivan's direct message", () -> chats.stream().anyMatch(c -> c.direct()
                        && c.text().equals("Only for Jan, from a browser")));
                assertThat(olga.locator("#chat-log")).not().containsText("Only for");
                shot(ivan, "interop-chat");

                // the organizer leaves: Jan (lowest remaining id) takes over in Java and hands Ivan a fresh epoch
                olga.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
                eventually(events, "Jan holds the key", () -> jan.holdsKeys()
                        && jan.membership().map(m -> m.members().size() == 2).orElse(false));
                assertThat(person(ivan, "Jan Java")).containsText("Holds the key");
                assertThat(ivan.locator("#code")).hasText(jan.verificationCode().orElseThrow().text());
                assertThat(ivan.locator("#code")).not().hasText(codeOfThree);
                jan.sendChat("The key is with Java now");
                assertThat(message(ivan, "The key is with Java now")).isVisible();

                // Jan leaves too: the browser takes over from Java
                jan.leave();
                assertThat(person(ivan, "Ivan Invitee")).containsText("Holds the key");
                assertThat(ivan.locator("#people li")).hasCount(1);
                // the one frame Jan could not open is the keyholder's greeting, sent before Jan held any key
                assertThat(dropped).singleElement().satisfies(d -> assertThat(d.reason()).isEqualTo(DropReason.NO_KEY_YET));
            }
        }
    }

    private static Locator person(Page page, String name) {
        return page.locator("#people li").filter(new Locator.FilterOptions().setHasText(name));
    }

    private static Locator message(Page page, String text) {
        return page.locator("#chat-log li").filter(new Locator.FilterOptions().setHas(
                page.locator(".text").filter(new Locator.FilterOptions().setHasText(text))));
    }

    private static String code(Page page) {
        assertThat(page.locator("#code")).hasText(CODE);
        return page.locator("#code").textContent();
    }

    private static void say(Page page, String to, String text) {
        page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(to));
        page.getByLabel("Message").fill(text);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(page.getByLabel("Message")).hasValue("");
    }
}
