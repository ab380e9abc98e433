package org.parley.web.ui.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.web.ui.support.Pages.PASSWORD;
import static org.parley.web.ui.Browsers.onTestOrigin;
import static org.parley.web.ui.Browsers.shot;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;
import org.parley.web.ui.Browsers;

/**
 * A technician starts a support session and gets a nine-digit key and a link for the customer;
 * the customer's page shows the exact command with that key; a key of the wrong shape is
 * explained rather than run.
 */
class SupportKeyBrowserTest {
    @RegisterExtension
    static final Browsers browsers = new Browsers(1200, 900, 10_000);
    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @Test
    void technicianGetsAKeyAndALinkWhoseCustomerPageShowsTheExactCommandAndEndingTheSessionKillsTheKey() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
            Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
            tina.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Support")).click();
            assertThat(tina.locator("#recent-empty")).hasText("No support sessions yet.");
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session")).click();

            tina.waitForURL(Pattern.compile(".*/support\\.html\\?id=[0-9a-f-]{36}$"));
            assertThat(tina.locator("#support-key")).hasText(Pattern.compile("^\\d{3} \\d{3} \\d{3}$"));
            String key = tina.locator("#support-key").textContent().replace(" ", "");
            String link = tina.getByLabel("Customer link").inputValue();
            assertThat(link).endsWith("/customer.html#key=" + key);
            assertThat(tina.locator("#key-expiry")).hasText(Pattern.compile("^(10:00|9:[0-5]\\d)$"));
            assertThat(tina.locator("#tell")).containsText("java -jar parley-agent.jar support " + key + " --server ");
            assertThat(tina.locator("#status")).hasText("You are in, and you hold the key: you let people in.");
            shot(tina, "support-key");

            Page customer = browsers.newPage();
            customer.navigate(onTestOrigin(server, link));
            assertThat(customer.locator("#support-key")).hasText(tina.locator("#support-key").textContent());
            assertThat(customer.locator("#command")).hasText("java -jar parley-agent.jar support " + key + " --server " + server.baseUrl());
            assertThat(customer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the Parley agent")))
                    .hasAttribute("href", "/download/parley-agent.jar");
            assertThat(customer.locator("#steps")).containsText("Nothing is shared until you allow it");
            shot(customer, "customer-steps");

            // ending is one question away, and "No" keeps the session
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End session…")).click();
            assertThat(tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("No, keep it"))).isFocused();
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("No, keep it")).click();
            assertThat(tina.locator("#end-confirm")).isHidden();
            assertThat(tina.locator("#session")).isVisible();
            assertThat(tina.locator("#ended")).isHidden();
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End session…")).click();
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, end it")).click();
            assertThat(tina.locator("#ended-title")).hasText("The support session ended");
            assertThat(server.client().post("/api/v1/support-sessions/join", Map.of("supportKey", key)).status()).isEqualTo(404);
            tina.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to Support")).click();
            assertThat(tina.locator("#recent-rows tr")).hasCount(1);
            assertThat(tina.locator("#recent-rows tr")).containsText("Ended");
            shot(tina, "support-home");
        }
    }

    @Test
    void someoneSignedOutIsAskedToSignInAndComesBackToSupport() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
            Page page = browsers.newPage();
            page.navigate(server.baseUrl() + "/support.html");
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please sign in to use remote support.");
            assertThat(page.locator("#home")).isHidden();
            page.getByRole(AriaRole.ALERT).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in")).click();
            page.getByLabel("Email address").fill("tina@example.com");
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            page.waitForURL("**/support.html");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session"))).isVisible();
        }
    }

    @Test
    void aKeyOfTheWrongShapeInTheLinkIsExplainedAndATypedKeyShowsTheSteps() {
        try (var server = TestServer.start()) {
            Page customer = browsers.newPage();
            customer.navigate(server.baseUrl() + "/customer.html#key=12345");
            assertThat(customer.getByRole(AriaRole.ALERT)).containsText("A support key is nine digits.");
            assertThat(customer.locator("#steps")).isHidden();

            customer.getByLabel("Support key", EXACT).fill("98765432");
            customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(customer.getByRole(AriaRole.ALERT)).hasText("A support key is nine digits. Check the digits and try again.");
            assertThat(customer.getByLabel("Support key", EXACT)).isFocused();
            shot(customer, "customer-wrong-key");

            customer.getByLabel("Support key", EXACT).fill("987 654 321");
            customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(customer.locator("#command")).hasText("java -jar parley-agent.jar support 987654321 --server " + server.baseUrl());
            assertThat(customer.locator("#support-key")).hasText("987 654 321");
            assertThat(customer.url()).endsWith("/customer.html#key=987654321");

            // the key was wrong after all: a reload keeps it, "Use a different key" takes it away
            customer.reload();
            assertThat(customer.locator("#support-key")).hasText("987 654 321");
            customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use a different key")).click();
            assertThat(customer.locator("#steps")).isHidden();
            assertThat(customer.getByLabel("Support key", EXACT)).isFocused();
            assertThat(customer.getByLabel("Support key", EXACT)).hasValue("");
            assertThat(customer.url()).endsWith("/customer.html");
            customer.reload();
            assertThat(customer.getByLabel("Support key", EXACT)).isVisible();
            assertThat(customer.locator("#steps")).isHidden();
            customer.getByLabel("Support key", EXACT).fill("123 456 789");
            customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(customer.locator("#support-key")).hasText("123 456 789");
        }
    }

    @Test
    void aBrowserThatCannotMakeTheSessionKeysSaysSoAndOffersNoSessionButtons() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Tina", "Technician", "tina@example.com", PASSWORD);
            Page tina = browsers.signedIn(server.baseUrl(), "tina@example.com", PASSWORD);
            // a browser without X25519 in Web Crypto
            tina.addInitScript("{ const subtle = crypto.subtle; const generateKey = subtle.generateKey.bind(subtle);"
                    + " subtle.generateKey = (algorithm, ...rest) => algorithm?.name === 'X25519'"
                    + " ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')) : generateKey(algorithm, ...rest); }");
            tina.navigate(server.baseUrl() + "/support.html");
            tina.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start a support session")).click();
            assertThat(tina.locator("#page-error")).hasText("This browser could not start the encrypted session. "
                    + "Please use a current version of Chrome, Edge, Firefox or Safari.");
            assertThat(tina.locator("#page-error")).isFocused();
            assertThat(tina.locator("#session")).isHidden();
            assertThat(tina.locator("#session-actions")).isHidden();
        }
    }
}
