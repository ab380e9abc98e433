package org.parley.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.TestServer;

/**
 * On a 390 px phone the page header is one row, brand and a Menu button, instead of three rows of
 * links (179 px, issue 14 item 8); the menu opens the same links and closes with Escape.
 */
class PhoneHeaderBrowserTest {
    private static final String PASSWORD = "correct horse battery staple 91";
    /** Two rows at most; one row is about 52 px. */
    private static final double MAX_HEADER_HEIGHT = 110;
    @RegisterExtension
    static final Browsers browsers = new Browsers(390, 800, 10_000);

    @Test
    void signedInTheHeaderOfTheMainPagesIsOneRowAndItsMenuLeadsOn() {
        try (var server = TestServer.start()) {
            server.client().registerAndSignIn(server, "Pat", "Phone", "pat@example.com", PASSWORD);
            Page page = browsers.signedIn(server, "pat@example.com", PASSWORD);
            for (String path : List.of("/index.html", "/meetings.html", "/account.html")) {
                page.navigate(server.baseUrl() + path);
                assertThat(menu(page)).isVisible();
                assertThat(headerHeight(page)).as("header height on %s", path).isLessThanOrEqualTo(MAX_HEADER_HEIGHT);
                assertThat(nav(page)).hasCount(1);
                assertThat(nav(page)).isHidden();
            }
            Browsers.shot(page, "phone-header-closed");

            menu(page).click();
            assertThat(menu(page)).hasAttribute("aria-expanded", "true");
            for (String link : List.of("Home", "Meetings", "Support", "Computers", "Privacy", "My account")) {
                assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link).setExact(true))).isVisible();
            }
            Browsers.shot(page, "phone-header-open");
            page.keyboard().press("Escape");
            assertThat(nav(page)).isHidden();
            assertThat(menu(page)).isFocused();
            assertThat(menu(page)).hasAttribute("aria-expanded", "false");

            menu(page).click();
            nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Meetings")).click();
            page.waitForURL(Pattern.compile(".*/meetings\\.html$"));
            assertThat(nav(page)).isHidden();
        }
    }

    @Test
    void signedOutTheHeaderIsOneRowTooAndAWideScreenShowsTheLinksWithoutAMenu() {
        try (var server = TestServer.start()) {
            Page page = browsers.newPage();
            page.navigate(server.baseUrl() + "/index.html");
            assertThat(menu(page)).isVisible();
            assertThat(headerHeight(page)).isLessThanOrEqualTo(MAX_HEADER_HEIGHT);

            page.setViewportSize(1100, 900);

            assertThat(menu(page)).isHidden();
            assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign in"))).isVisible();
        }
    }

    private static Locator menu(Page page) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
    }

    /** By its markup, not its role: a folded navigation has no role to find, and "is hidden" must mean it exists. */
    private static Locator nav(Page page) {
        return page.locator("header.site-header nav[aria-label='Main']");
    }

    private static double headerHeight(Page page) {
        return page.locator("header.site-header").boundingBox().height;
    }
}
