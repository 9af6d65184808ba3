package com.aifinance.dashboard.browser;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new subscriber: sign up, verify the address, log in, look at signals, start an upgrade. */
class SubscriberJourneyBrowserTest {

    @Test
    void aNewUserSignsUpVerifiesLogsInSeesSignalsAndStartsAnUpgrade() throws Exception {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "Correct-horse-battery-" + UUID.randomUUID().toString().substring(0, 6);
        try (Journey journey = new Journey("subscriber-signup")) {
            journey.open("/");
            journey.visited("landing");

            journey.open("/login/signup");
            journey.visited("signup");
            journey.page.fill("#email", email);
            journey.page.fill("#password", password);
            journey.page.fill("#confirmPassword", password);
            journey.page.click("button:has-text('Create account')");
            journey.page.waitForLoadState();
            journey.visited("signup-sent");

            journey.open(Platform.verificationLink(email, Duration.ofSeconds(60)));
            journey.visited("verified");

            journey.open("/signals");
            journey.logIn(new Platform.DemoUser("new", email, password, null));
            journey.page.waitForURL("**/signals**");
            journey.panelsLoaded();
            journey.visited("signals");
            assertThat(journey.page.textContent("main")).contains("Signals come with a plan");

            journey.open("/account/subscription");
            journey.panelsLoaded();
            journey.visited("plans");
            journey.page.click("#plans button:has-text('Choose Pro')");
            journey.page.waitForLoadState();
            String url = journey.page.url();
            if (url.startsWith(Platform.url())) {
                // no payment provider configured locally: the checkout is refused and the page says so
                journey.visited("checkout-refused");
                assertThat(journey.page.textContent("#checkout-error")).contains("Nothing was charged");
            } else {
                assertThat(url).startsWith("https://");
            }
        }
    }

    @Test
    void aProSubscriberSeesLiveSignalsWithSimulatedInstrumentsMarked() {
        Platform.DemoUser pro = Platform.demo("pro");
        try (Journey journey = new Journey("pro-signals")) {
            journey.open("/signals");
            journey.logIn(pro);
            journey.page.waitForURL("**/signals**");
            journey.panelsLoaded();
            journey.page.waitForFunction("() => document.body.dataset.live === 'connected'");
            journey.visited("signals");
            String list = journey.page.textContent("#live-signals");
            assertThat(list).satisfiesAnyOf(
                    text -> assertThat(text).contains("Simulated"),
                    text -> assertThat(text).contains("No signals yet"));
            if (journey.page.locator("#signals-table tbody tr a").count() > 0) {
                journey.page.locator("#signals-table tbody tr a").first().click();
                journey.panelsLoaded();
                journey.visited("signal-detail");
                assertThat(journey.page.textContent("#signal-detail")).contains("Entry").contains("Outcome");
            }
            journey.open("/accuracy");
            journey.panelsLoaded();
            journey.visited("accuracy");
        }
    }
}
