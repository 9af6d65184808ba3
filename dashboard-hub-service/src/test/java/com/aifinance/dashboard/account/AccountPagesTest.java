package com.aifinance.dashboard.account;

import java.net.http.HttpResponse;
import java.util.Map;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class AccountPagesTest {

    static final String SUBSCRIPTION = """
            {"id":"5b0c7f4e-1111-4c1e-9d7e-2f1b7a0c9e41","status":"active","tier":"pro","planCode":"pro-month-usd",
             "billingInterval":"month","currency":"USD","amountMinor":50000,"periodStart":"2026-11-01T00:00:00Z",
             "periodEnd":"2026-12-01T00:00:00Z","trialEnd":null,"cancelAtPeriodEnd":false,"pendingPlanCode":null}""";
    static final String BILLING = """
            [{"id":"7a0c9e41-2222-4c1e-9d7e-2f1b7a0c9e41","provider":"STRIPE","planCode":"pro-month-usd","tier":"pro",
              "billingInterval":"month","currency":"USD","amountMinor":50000,"status":"active","paymentPageUrl":null,
              "pendingPlanCode":null,"cancelAtPeriodEnd":false,"currentPeriodEnd":"2026-12-01T00:00:00Z"}]""";

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private Browser browser;

    @BeforeEach
    void signIn() {
        fakes.reset();
        browser = new Browser(port).login(Browser.User.subscriber("pro"));
    }

    @Test
    void thePlanPanelShowsTheSubscriptionAndHowItIsPaid() {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me", 200, SUBSCRIPTION);
        fakes.json(Service.BILLING, "GET", "/api/billing/subscriptions", 200, BILLING);

        String panel = browser.panel("/account/panels/subscription", "/account/subscription").body();

        assertThat(panel).contains("Pro, monthly, USD 500.00").contains("active").contains("Card (Stripe)")
                .contains("Change plan");
    }

    @Test
    void aUserWithoutASubscriptionIsInvitedToChooseAPlan() {
        fakes.on(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me",
                request -> FakePlatform.problem(404, "not-found", "A subscription was not found."));
        fakes.json(Service.BILLING, "GET", "/api/billing/subscriptions", 200, "[]");

        assertThat(browser.panel("/account/panels/subscription", "/account/subscription").body())
                .contains("You have no subscription yet");
    }

    @Test
    void billingBeingDownLeavesThePlanVisibleAndSaysWhatIsMissing() {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me", 200, SUBSCRIPTION);
        fakes.down(Service.BILLING, "GET", "/api/billing/subscriptions");

        String panel = browser.panel("/account/panels/subscription", "/account/subscription").body();

        assertThat(panel).contains("Pro, monthly").contains("The billing service is not answering");
    }

    @Test
    void choosingAPlanGoesToTheProvidersCheckoutPage() {
        fakes.json(Service.BILLING, "POST", "/api/billing/checkout", 201, """
                {"subscriptionId":"7a0c9e41-2222-4c1e-9d7e-2f1b7a0c9e41","provider":"stripe",
                 "paymentPageUrl":"https://checkout.stripe.com/c/pay/cs_test_123","status":"incomplete","reused":false}""");

        HttpResponse<String> checkout = browser.submit("/account/checkout",
                Map.of("planCode", "pro-month-usd", "paymentMethod", "card"));

        assertThat(checkout.statusCode()).isEqualTo(302);
        assertThat(Browser.location(checkout)).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_123");
        String sent = FakePlatform.body(fakes.requests(Service.BILLING, "POST", "/api/billing/checkout").getFirst());
        assertThat(sent).contains("\"planCode\":\"pro-month-usd\"")
                .contains("\"successUrl\":\"http://localhost:8080/account/subscription?checkout=success\"");
    }

    @Test
    void aCheckoutWithAProviderThatIsNotSetUpExplainsThatNothingWasCharged() {
        fakes.on(Service.BILLING, "POST", "/api/billing/checkout", request -> FakePlatform.problem(503,
                "provider-not-configured", "Stripe is not configured"));
        fakes.json(Service.BILLING, "POST", "/api/billing/checkout", 503, """
                {"type":"tag:aifinance.agency,2026:problems/provider-not-configured","status":503,"detail":"x"}""");

        HttpResponse<String> checkout = browser.submit("/account/checkout", Map.of("planCode", "pro-month-usd"));
        HttpResponse<String> page = browser.get("/account/subscription");

        assertThat(Browser.location(checkout)).isEqualTo("http://localhost:8080/account/subscription");
        assertThat(page.body()).contains("Nothing was charged");
    }

    @Test
    void aCheckoutForAPlanThatDoesNotExistIsRefusedBeforeBillingIsAsked() {
        HttpResponse<String> checkout = browser.submit("/account/checkout", Map.of("planCode", "gold-month-usd"));

        assertThat(browser.get("/account/subscription").body()).contains("Choose a plan from the list");
        assertThat(checkout.statusCode()).isEqualTo(302);
        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing/checkout")).isEmpty();
    }

    @Test
    void invoicesAreListedWithAPdfLinkAndThePdfComesThrough() {
        fakes.json(Service.BILLING, "GET", "/api/billing/invoices", 200, """
                [{"id":"9d7e2f1b-3333-4c1e-9d7e-2f1b7a0c9e41","number":"INV-USD-000042","tier":"pro","provider":"stripe",
                  "status":"paid","currency":"USD","subtotalMinor":50000,"taxMinor":0,"totalMinor":50000,
                  "issuedAt":"2026-11-01T00:00:00Z","paidAt":"2026-11-01T00:00:05Z"}]""");
        fakes.on(Service.BILLING, "GET", "/api/billing/invoices/9d7e2f1b-3333-4c1e-9d7e-2f1b7a0c9e41/pdf",
                request -> new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type", "application/pdf")
                        .body("%PDF-1.7 invoice").build());

        String panel = browser.panel("/account/panels/invoices", "/account/invoices").body();
        HttpResponse<byte[]> pdf = browser.download("/account/invoices/9d7e2f1b-3333-4c1e-9d7e-2f1b7a0c9e41/pdf");

        assertThat(panel).contains("INV-USD-000042").contains("USD 500.00").contains("Download PDF");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body())).startsWith("%PDF");
        assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).contains("attachment"));
    }

    @Test
    void noInvoicesIsAnEmptyStateAndAnUnavailableBillingServiceIsSaid() {
        fakes.json(Service.BILLING, "GET", "/api/billing/invoices", 200, "[]");
        assertThat(browser.panel("/account/panels/invoices", "/account/invoices").body()).contains("No invoices yet");

        fakes.down(Service.BILLING, "GET", "/api/billing/invoices");
        assertThat(browser.panel("/account/panels/invoices", "/account/invoices").body())
                .contains("The billing service is not answering");
    }

    @Test
    void notificationPreferencesShowTheChannelsTheTierAllows() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/notifications/preferences", 200, """
                {"channels":["telegram","email"],"allowedChannels":["email","sms","telegram","whatsapp"],
                 "addresses":[{"channel":"telegram","address":"123456789","verified":true}]}""");

        String panel = browser.panel("/account/panels/notifications", "/account/notifications").body();

        assertThat(panel).contains("Connected: <strong>123456789</strong>").contains("Save channels");
    }

    @Test
    void aMalformedPhoneNumberIsReportedNextToTheFieldWithoutAskingTheService() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/notifications/preferences", 200, """
                {"channels":["email"],"allowedChannels":["email","sms","telegram","whatsapp"],"addresses":[]}""");

        String panel = browser.post("/account/notifications/addresses/whatsapp", Map.of("address", "<b>call me</b>"))
                .body();

        assertThat(panel).contains("Enter a number in international format").contains("aria-invalid=\"true\"")
                .doesNotContain("<b>call me</b>");
        assertThat(fakes.requests(Service.QUEUE_MONITOR, "PUT", "/api/queues")).isEmpty();
    }

    @Test
    void connectingTelegramSendsTheAddressAndAWrongCodeIsExplained() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/notifications/preferences", 200, """
                {"channels":["email"],"allowedChannels":["email","sms","telegram","whatsapp"],
                 "addresses":[{"channel":"telegram","address":"123456789","verified":false}]}""");
        fakes.json(Service.QUEUE_MONITOR, "PUT", "/api/queues/notifications/preferences/addresses/telegram", 202,
                "{\"channel\":\"telegram\",\"address\":\"123456789\",\"codeQueued\":true,\"note\":null}");
        fakes.on(Service.QUEUE_MONITOR, "POST", "/api/queues/notifications/preferences/addresses/telegram/verification",
                request -> FakePlatform.problem(400, "verification-failed", "wrong code"));

        String connected = browser.post("/account/notifications/addresses/telegram", Map.of("address", "123456789")).body();
        String verified = browser.post("/account/notifications/addresses/telegram/verification", Map.of("code", "000000")).body();

        assertThat(connected).contains("We sent a 6-digit code");
        assertThat(FakePlatform.body(fakes.requests(Service.QUEUE_MONITOR, "PUT",
                "/api/queues/notifications/preferences/addresses/telegram").getFirst())).contains("\"address\":\"123456789\"");
        assertThat(verified).contains("That code is not right");
    }

    @Test
    void aBasicSubscriberChoosingTelegramIsToldItComesWithPro() {
        fakes.json(Service.QUEUE_MONITOR, "GET", "/api/queues/notifications/preferences", 200, """
                {"channels":["email"],"allowedChannels":["email","sms"],"addresses":[]}""");
        fakes.on(Service.QUEUE_MONITOR, "PUT", "/api/queues/notifications/preferences",
                request -> FakePlatform.problem(403, "channel-not-in-tier", "Telegram is for Pro"));

        String panel = browser.postRaw("/account/notifications/channels", "channel=email&channel=telegram&first=telegram")
                .body();

        assertThat(panel).contains("Telegram and WhatsApp alerts come with Pro and Enterprise.");
    }

    @Test
    void theOverviewLoadsItsPanelsSeparately() {
        HttpResponse<String> page = browser.get("/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hx-get=\"/signals/panels/latest\"")
                .contains("hx-get=\"/account/panels/subscription\"").contains("Loading your plan");
    }
}
