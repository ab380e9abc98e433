package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.Browsers.onTestOrigin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestDatabase;
import org.parley.MovableClock;
import org.parley.TestServer;
import org.parley.mail.MailCategory;
import org.parley.mail.Newsletter;

/** A new user's whole life with Parley's account pages, in headless Chromium: typing, clicking, reading the screen. */
class AccountJourneyBrowserTest {
    private static final String EMAIL = "ada@example.com";
    private static final String NEW_EMAIL = "augusta@example.com";
    private static final String PASSWORD = "violet tractor mango ceiling 42";
    private static final String NEW_PASSWORD = "quiet harbour lantern spoon 77";
    @RegisterExtension
    static final Browsers browsers = new Browsers(Browsers::person, 10_000);
    private Page page;

    @BeforeEach
    void openPage() {
        page = browsers.newPage();
    }

    @Test
    void newUserRegistersVerifiesEditsExportsUnsubscribesAndDeletes() throws IOException {
        try (var server = TestServer.start()) {
            var home = page.navigate(server.baseUrl() + "/");
            assertThat(home.headers().get("content-security-policy")).contains("script-src 'self'").contains("style-src 'self'");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
            registerAfterBeingToldTheFirstPasswordIsWeak();
            confirmTheAddressFromTheMail(server);

            page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in")).click();
            signIn(EMAIL, PASSWORD);
            page.waitForURL("**/account.html");
            assertThat(heading("Hello, Ada")).isVisible();
            assertThat(page.locator("#view-email")).hasText(EMAIL);
            // signed in: the navigation no longer offers to register or sign in, and Home offers next steps
            Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
            assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Register"))).hasCount(0);
            assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in"))).hasCount(0);
            page.navigate(server.baseUrl() + "/");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Schedule a meeting"))).isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account"))).isHidden();
            page.navigate(server.baseUrl() + "/account.html");
            assertThat(heading("Hello, Ada")).isVisible();

            correctNameAndEmail(server);
            changePassword();
            downloadTheExport();
            subscribeToTheNewsletterThenUnsubscribeFromItsMail(server);
            deleteTheAccount(server);

            page.navigate(server.baseUrl() + "/signin.html");
            signIn(NEW_EMAIL, NEW_PASSWORD);
            assertThat(page.getByRole(AriaRole.ALERT)).hasText("The email or password is not right.");
            assertThat(page).hasURL(server.baseUrl() + "/signin.html");
        }
    }

    private void registerAfterBeingToldTheFirstPasswordIsWeak() {
        page.getByLabel("First name").fill("Ada");
        page.getByLabel("Last name").fill("Lovelace");
        page.getByLabel("Email address").fill(EMAIL);
        page.getByLabel("Password").fill("password1234");
        click("Create account");
        assertThat(page.locator("#password-advice")).containsText("too easy to guess");
        assertThat(page.getByLabel("Password")).hasAccessibleDescription(Pattern.compile("too easy to guess"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Please choose a stronger password: see the advice under the password field.");
        assertThat(page.getByLabel("Password")).isFocused();

        page.getByLabel("Password").fill(PASSWORD);
        click("Create account");
        assertThat(heading("Check your mail")).isVisible();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText(EMAIL);
    }

    private void confirmTheAddressFromTheMail(TestServer server) {
        page.navigate(onTestOrigin(server, TestServer.link(server.awaitMail(EMAIL, "Confirm your email"), "/verify.html")));
        assertThat(page).not().hasURL(Pattern.compile("token="));
        click("Confirm my email address");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your email address is confirmed");
    }

    private void correctNameAndEmail(TestServer server) {
        click("Edit profile");
        page.getByLabel("First name").fill("Augusta");
        click("Save changes");
        assertThat(page.locator("#view-name")).hasText("Augusta Lovelace");
        assertThat(heading("Hello, Augusta")).isVisible();

        click("Edit profile");
        page.getByLabel("Email address").fill(NEW_EMAIL);
        click("Save changes");
        assertThat(page.locator("#pending-email")).containsText("Waiting for confirmation: " + NEW_EMAIL);
        assertThat(page.locator("#view-email")).hasText(EMAIL);
        page.navigate(onTestOrigin(server, TestServer.link(server.awaitMail(NEW_EMAIL, "Confirm your new email"), "/verify.html")));
        click("Confirm my new email address");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your new email address is confirmed");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to My account")).click();
        assertThat(page.locator("#view-email")).hasText(NEW_EMAIL);
        assertThat(page.locator("#pending-email")).isHidden();
    }

    private void changePassword() {
        page.getByLabel("Current password").fill(PASSWORD);
        page.getByLabel("New password").fill(NEW_PASSWORD);
        click("Change password");
        assertThat(page.locator("#password-saved")).containsText("Your password was changed");
    }

    private void downloadTheExport() throws IOException {
        var download = page.waitForDownload(() -> click("Download my data"));
        assertThat(download.suggestedFilename()).startsWith("parley-export-").endsWith(".json");
        JsonNode export = new ObjectMapper().readTree(Files.readString(download.path()));
        assertThat(export.path("account").path("email").asText()).isEqualTo(NEW_EMAIL);
        assertThat(export.path("account").path("firstName").asText()).isEqualTo("Augusta");
        assertThat(export.path("account").path("lastName").asText()).isEqualTo("Lovelace");
    }

    private void subscribeToTheNewsletterThenUnsubscribeFromItsMail(TestServer server) {
        assertThat(page.getByLabel("the newsletter")).not().isChecked();
        page.getByLabel("the newsletter").check();
        click("Save preferences");
        assertThat(page.locator("#preferences-saved")).containsText("saved");

        // what the operator's "send-newsletter" command does (Main.SendNewsletter)
        int queued = new Newsletter(server.server().mailer()).send(
                server.server().accounts().accounts().marketingAudience(MailCategory.NEWSLETTER),
                MailCategory.NEWSLETTER, "News from Parley", "Screen sharing got faster.");
        assertThat(queued).isEqualTo(1);
        page.navigate(onTestOrigin(server, TestServer.link(server.awaitMail(NEW_EMAIL, "News from Parley"), "/unsubscribe.html")));
        click("Unsubscribe me from all marketing mail");
        assertThat(page.locator("#unsubscribed")).containsText("You are unsubscribed from all marketing mail");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("My account")).click();
        assertThat(heading("Hello, Augusta")).isVisible();
        assertThat(page.getByLabel("the newsletter")).not().isChecked();
        assertThat(page.locator("#history-rows")).containsText("Unsubscribed from marketing mail");
        assertThat(page.locator("#history-rows")).containsText("Password changed");
    }

    private void deleteTheAccount(TestServer server) {
        page.getByLabel("Your password, to confirm").fill("not my password at all");
        click("Delete my account permanently");
        assertThat(page.locator("#delete-form [role=alert]")).hasText("Your current password is not right.");
        page.getByLabel("Your password, to confirm").fill(NEW_PASSWORD);
        click("Delete my account permanently");
        assertThat(heading("Account deleted")).isVisible();
        server.awaitMail(NEW_EMAIL, "Your Parley account was deleted");
    }

    @Test
    void everyPageIsServedUnderTheStrictPolicyAndRunsWithoutViolations() {
        try (var server = TestServer.start()) {
            for (String path : List.of("/", "/register.html", "/verify.html?token=abc", "/signin.html", "/reset.html",
                    "/reset.html?token=abc", "/account.html", "/unsubscribe.html", "/unsubscribe.html?token=abc", "/privacy.html")) {
                var response = page.navigate(server.baseUrl() + path);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.headers().get("content-security-policy")).as(path)
                        .startsWith("default-src 'self'; script-src 'self'; style-src 'self'");
                assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).isVisible();
                assertThat(page.locator("h1:visible")).hasCount(1);
                for (var input : page.locator("input:visible").all()) {
                    String id = input.getAttribute("id");
                    assertThat(page.locator("label[for='" + id + "']").count()).as(path + " label of #" + id).isEqualTo(1);
                }
            }
            page.navigate(server.baseUrl() + "/account.html");
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("You are not signed in.");
            page.navigate(server.baseUrl() + "/privacy.html");
            assertThat(page.locator("#policy-meta")).containsText("Version 3");
            assertThat(page.locator("#policy-text")).containsText("What the server never stores");
        }
    }

    @Test
    void aMaterialPolicyChangeIsAnnouncedOnEveryPageAndAcceptedAtTheNextSignIn() {
        var clock = new MovableClock();
        try (var server = TestServer.start(TestDatabase.Backend.H2, Map.of(), clock)) {
            assertThat(server.client().registerAndSignIn(server, "Grace", "Hopper", "grace@example.com", PASSWORD).status())
                    .isEqualTo(200);
            server.server().policyPublisher().publish(clock.instant().plus(Duration.ofDays(2)), true,
                    "Parley privacy policy, version 4\n\nWe now also keep meeting titles.");

            page.navigate(server.baseUrl() + "/signin.html");
            var notice = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Privacy policy change"));
            assertThat(notice).containsText("version 4");
            notice.getByRole(AriaRole.LINK).click();
            assertThat(page.locator("#upcoming-meta")).containsText("Version 4 takes effect on");
            assertThat(page.locator("#upcoming-text")).containsText("meeting titles");

            clock.advance(Duration.ofDays(3));
            page.navigate(server.baseUrl() + "/signin.html");
            assertThat(page.locator(".site-notice")).hasCount(0);
            page.getByLabel("Email address").fill("grace@example.com");
            page.getByLabel("Password").fill(PASSWORD);
            click("Sign in");
            assertThat(heading("Please accept our updated privacy policy")).isVisible();
            assertThat(page.locator("#policy-prompt-text")).containsText("Version 4");
            click("Accept");
            assertThat(page.locator("#policy-prompt")).isHidden();
            assertThat(page.locator("#history-rows")).containsText("Privacy policy accepted");
        }
    }

    private void signIn(String email, String password) {
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByLabel("Keep me signed in on this device").check();
        click("Sign in");
    }

    private void click(String button) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
    }

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name));
    }
}
