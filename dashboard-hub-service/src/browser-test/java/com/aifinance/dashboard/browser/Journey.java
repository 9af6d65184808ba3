package com.aifinance.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user's browser on the running platform (system Chromium, headless). Every page visited is saved as a
 * screenshot under {@code target/screenshots/<journey>/} and checked with axe-core: no serious or critical
 * violations are allowed.
 */
final class Journey implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;
    private final BrowserContext context;
    final Page page;
    private final Path screenshots;
    private int shot;

    Journey(String name) {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("aifa.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
        // axe is injected as an inline script, which the pages' content security policy rightly forbids
        context = browser.newContext(new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900));
        context.setDefaultTimeout(30_000);
        page = context.newPage();
        page.onDialog(dialog -> dialog.accept());
        screenshots = Path.of(System.getProperty("aifa.screenshots", "target/screenshots")).resolve(name);
    }

    void open(String path) {
        page.navigate(path.startsWith("http") ? path : Platform.url() + path);
    }

    /** Waits until every panel has loaded (no element is aria-busy any more). */
    void panelsLoaded() {
        page.waitForFunction("() => document.querySelectorAll('[aria-busy=\"true\"]').length === 0");
    }

    /** Saves a screenshot of the page and checks it for serious accessibility problems. */
    void visited(String what) {
        snapshot(what);
        String axe = System.getProperty("aifa.axe.script");
        // the identity pages (/login/**) are subscription-service's; the check covers the dashboards' own pages
        boolean identityPage = java.net.URI.create(page.url()).getPath().startsWith("/login");
        if (!identityPage && axe != null && Files.exists(Path.of(axe))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setPath(Path.of(axe)));
            Object serious = page.evaluate("""
                    async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')""");
            assertThat((List<?>) serious).as("serious accessibility violations on %s (%s)", what, page.url()).isEmpty();
        }
    }

    /** Saves a screenshot of the page as it is. */
    void snapshot(String what) {
        page.waitForLoadState();
        try {
            Files.createDirectories(screenshots);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        shot++;
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(screenshots.resolve("%02d-%s.png".formatted(shot, what))));
    }

    /** Logs in on subscription-service's pages (password, then the TOTP code when asked). */
    void logIn(Platform.DemoUser user) {
        page.waitForSelector("#username");
        visited("login");
        page.fill("#username", user.email());
        page.fill("#password", user.password());
        page.click("button:has-text('Log in')");
        page.waitForLoadState();
        if (page.url().contains("/login/mfa")) {
            visited("mfa");
            page.fill("#code", Totp.code(user.totpSecret(), Instant.now()));
            page.click("button:has-text('Verify')");
        }
        try {
            page.waitForURL(url -> !url.contains("/login") && !url.contains("/oauth2/"),
                    new Page.WaitForURLOptions().setTimeout(30_000));
        } catch (com.microsoft.playwright.TimeoutError stuck) {
            snapshot("login-stuck");
            throw new AssertionError("login did not come back to the dashboards; stuck at " + page.url() + ": "
                    + page.textContent("body"), stuck);
        }
        if (page.url().contains("login=failed")) {
            snapshot("login-failed");
            throw new AssertionError("the hub could not complete the login (see its log): " + page.url());
        }
    }

    @Override
    public void close() {
        context.close();
        browser.close();
        playwright.close();
    }
}
