package com.aifinance.dashboard.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.aifinance.dashboard.support.Browser;
import com.aifinance.dashboard.support.FakePlatform;
import com.aifinance.dashboard.support.FakePlatform.Service;
import com.aifinance.dashboard.support.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan change, cancellation, taking a cancellation back and reactivation: at billing-service for a subscription it
 * charges (subscription-service answers 409 managed-by-billing for those), at subscription-service for a trial nobody
 * pays for yet; an ended subscription comes back through a new checkout.
 */
@HubTest
class PlanChangesTest {

    static final String BILLED_ID = "7a0c9e41-2222-4c1e-9d7e-2f1b7a0c9e41";

    @LocalServerPort
    int port;

    private final FakePlatform fakes = FakePlatform.get();
    private Browser browser;
    private Browser.User user;

    @BeforeEach
    void signIn() {
        fakes.reset();
        user = Browser.User.subscriber("pro");
        browser = new Browser(port).login(user);
    }

    static String subscription(String status, String planCode, boolean cancelAtPeriodEnd, String billingSubscriptionId) {
        String tier = planCode.substring(0, planCode.indexOf('-'));
        return """
                {"id":"5b0c7f4e-1111-4c1e-9d7e-2f1b7a0c9e41","userId":"5b0c7f4e-0000-4c1e-9d7e-2f1b7a0c9e41",
                 "organisationId":null,"status":"%s","tier":"%s","planCode":"%s","billingInterval":"month",
                 "currency":"USD","amountMinor":50000,"periodStart":"2026-11-01T00:00:00Z",
                 "periodEnd":"2026-12-01T00:00:00Z","trialEnd":%s,"cancelAtPeriodEnd":%s,"pendingPlanCode":null,
                 "pastDueSince":null,"endedAt":%s,"billingSubscriptionId":%s}"""
                .formatted(status, tier, planCode, "trialing".equals(status) ? "\"2026-11-15T00:00:00Z\"" : "null",
                        cancelAtPeriodEnd, "canceled".equals(status) || "expired".equals(status)
                                ? "\"2026-11-20T00:00:00Z\"" : "null",
                        billingSubscriptionId == null ? "null" : "\"" + billingSubscriptionId + "\"");
    }

    static String billing(String provider, String status, String planCode, boolean cancelAtPeriodEnd,
                          String pendingPlanCode) {
        return """
                {"id":"%s","provider":"%s","planCode":"%s","tier":"%s","billingInterval":"month","currency":"USD",
                 "amountMinor":50000,"status":"%s","paymentPageUrl":null,"pendingPlanCode":%s,
                 "cancelAtPeriodEnd":%s,"currentPeriodEnd":"2026-12-01T00:00:00Z","createdAt":"2026-11-01T00:00:00Z"}"""
                .formatted(BILLED_ID, provider, planCode, planCode.substring(0, planCode.indexOf('-')), status,
                        pendingPlanCode == null ? "null" : "\"" + pendingPlanCode + "\"", cancelAtPeriodEnd);
    }

    private void billed(String status, boolean cancelAtPeriodEnd, String provider) {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me", 200,
                subscription(status, "pro-month-usd", cancelAtPeriodEnd, BILLED_ID));
        fakes.json(Service.BILLING, "GET", "/api/billing/subscriptions", 200,
                "[" + billing(provider, "active".equals(status) ? "active" : status, "pro-month-usd",
                        cancelAtPeriodEnd, null) + "]");
    }

    private void trial(boolean cancelAtPeriodEnd) {
        fakes.json(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me", 200,
                subscription("trialing", "pro-month-usd", cancelAtPeriodEnd, null));
        fakes.json(Service.BILLING, "GET", "/api/billing/subscriptions", 200, "[]");
    }

    private String panel() {
        return browser.panel("/account/panels/subscription", "/account/subscription").body();
    }

    @Test
    void aBilledSubscriptionChangesPlanAtBillingUnderItsLinkedId() {
        billed("active", false, "stripe");
        fakes.json(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/plan", 200,
                billing("stripe", "active", "pro-month-usd", false, "basic-month-usd"));

        String answer = browser.post("/account/subscription/plan", Map.of("planCode", "basic-month-usd")).body();

        assertThat(FakePlatform.body(fakes.requests(Service.BILLING, "POST",
                "/api/billing/subscriptions/" + BILLED_ID + "/plan").getFirst()))
                .contains("\"planCode\":\"basic-month-usd\"");
        assertThat(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me")).isEmpty();
        assertThat(answer).contains("Your plan changes to basic-month-usd at the end of the current period");
    }

    @Test
    void aTrialChangesPlanAtTheSubscriptionServiceAndBillingIsNotAsked() {
        trial(false);
        fakes.json(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/plan", 200,
                subscription("trialing", "enterprise-month-usd", false, null));

        String answer = browser.post("/account/subscription/plan", Map.of("planCode", "enterprise-month-usd")).body();

        assertThat(FakePlatform.body(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/plan")
                .getFirst())).contains("\"planCode\":\"enterprise-month-usd\"");
        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing")).isEmpty();
        assertThat(answer).contains("Your plan is now enterprise-month-usd; it applies at once");
    }

    @Test
    void aBilledSubscriptionIsCanceledAndTakenBackAtBilling() {
        billed("active", false, "stripe");
        fakes.json(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/cancel", 200,
                billing("stripe", "active", "pro-month-usd", true, null));
        fakes.json(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/reactivate", 200,
                billing("stripe", "active", "pro-month-usd", false, null));

        String canceled = browser.post("/account/subscription/cancel", Map.of()).body();
        String kept = browser.post("/account/subscription/reactivate", Map.of()).body();

        assertThat(FakePlatform.body(fakes.requests(Service.BILLING, "POST",
                "/api/billing/subscriptions/" + BILLED_ID + "/cancel").getFirst())).contains("\"atPeriodEnd\":true");
        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/reactivate"))
                .hasSize(1);
        assertThat(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me")).isEmpty();
        assertThat(canceled).contains("Your subscription ends at the end of the current period (1 Dec 2026)");
        assertThat(kept).contains("The cancellation is taken back");
    }

    @Test
    void aTrialIsCanceledAndTakenBackAtTheSubscriptionService() {
        trial(false);
        fakes.json(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/cancel", 200,
                subscription("trialing", "pro-month-usd", true, null));
        fakes.json(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/reactivate", 200,
                subscription("trialing", "pro-month-usd", false, null));

        String canceled = browser.post("/account/subscription/cancel", Map.of()).body();
        String kept = browser.post("/account/subscription/reactivate", Map.of()).body();

        assertThat(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/cancel")).hasSize(1);
        assertThat(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/reactivate")).hasSize(1);
        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing")).isEmpty();
        assertThat(canceled).contains("ends at the end of the current period");
        assertThat(kept).contains("The cancellation is taken back");
    }

    @Test
    void aSubscriptionBillingTookOverMeanwhileIsCanceledAtBilling() {
        AtomicInteger asked = new AtomicInteger();
        fakes.on(Service.SUBSCRIPTION, "GET", "/api/subscriptions/me", request -> FakePlatform.json(200,
                subscription("active", "pro-month-usd", false, asked.getAndIncrement() == 0 ? null : BILLED_ID)));
        fakes.on(Service.SUBSCRIPTION, "POST", "/api/subscriptions/me/cancel", request -> FakePlatform.problem(409,
                "managed-by-billing", "This subscription is paid through billing-service."));
        fakes.json(Service.BILLING, "GET", "/api/billing/subscriptions", 200,
                "[" + billing("stripe", "active", "pro-month-usd", true, null) + "]");
        fakes.json(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/cancel", 200,
                billing("stripe", "active", "pro-month-usd", true, null));

        String answer = browser.post("/account/subscription/cancel", Map.of()).body();

        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/cancel"))
                .hasSize(1);
        assertThat(answer).contains("Your subscription ends at the end of the current period")
                .doesNotContain("Managed through billing");
    }

    @Test
    void aCanceledSubscriptionOffersToTakeTheCancellationBackWithAHint() {
        billed("active", true, "stripe");

        String panel = panel();

        assertThat(panel).contains("action=\"/account/subscription/reactivate\"").contains("Keep my subscription")
                .contains("Until then you can take the cancellation back")
                .doesNotContain("Cancel at the end of the period");
    }

    @Test
    void aRazorpaySubscriptionCannotTakeACancellationBackAndSaysHowToComeBack() {
        billed("active", true, "razorpay");

        String panel = panel();

        assertThat(panel).contains("Payments through Razorpay cannot take a cancellation back")
                .doesNotContain("Keep my subscription");
    }

    @Test
    void anEndedSubscriptionIsReactivatedThroughANewCheckoutOnTheSamePlan() {
        billed("canceled", false, "stripe");
        fakes.json(Service.BILLING, "POST", "/api/billing/checkout", 201, """
                {"subscriptionId":"8b1d0f52-3333-4c1e-9d7e-2f1b7a0c9e41","provider":"stripe",
                 "paymentPageUrl":"https://checkout.stripe.com/c/pay/cs_test_again","status":"incomplete","reused":false}""");

        String panel = panel();
        HttpResponse<String> checkout = browser.submit("/account/checkout",
                Map.of("planCode", "pro-month-usd", "paymentMethod", "card"));

        assertThat(panel).contains("id=\"reactivate\"").contains("Reactivate Pro")
                .contains("name=\"planCode\" value=\"pro-month-usd\"").contains("starts it again on the same plan")
                .doesNotContain("Keep my subscription").doesNotContain("Cancel at the end of the period")
                .doesNotContain("Change plan to");
        assertThat(Browser.location(checkout)).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_again");
        assertThat(fakes.requests(Service.BILLING, "POST", "/api/billing/subscriptions")).isEmpty();
    }

    @Test
    void payingForATrialGoesToBillingCheckoutNotToTheSubscriptionService() {
        trial(false);
        fakes.json(Service.BILLING, "POST", "/api/billing/checkout", 201, """
                {"subscriptionId":"8b1d0f52-3333-4c1e-9d7e-2f1b7a0c9e41","provider":"stripe",
                 "paymentPageUrl":"https://checkout.stripe.com/c/pay/cs_test_trial","status":"incomplete","reused":false}""");

        String panel = panel();
        HttpResponse<String> checkout = browser.submit("/account/checkout",
                Map.of("planCode", "pro-month-usd", "paymentMethod", "card"));

        assertThat(panel).contains("id=\"pay-trial\"").contains("Pay for Pro now")
                .contains("Nothing is charged until you pay for a plan");
        assertThat(Browser.location(checkout)).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_trial");
        assertThat(FakePlatform.body(fakes.requests(Service.BILLING, "POST", "/api/billing/checkout").getFirst()))
                .contains("\"planCode\":\"pro-month-usd\"");
        assertThat(fakes.requests(Service.SUBSCRIPTION, "POST", "/api/subscriptions")).isEmpty();
    }

    @Test
    void billingsRefusalsAreExplainedInThePanel() {
        billed("active", true, "stripe");
        fakes.on(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/reactivate",
                request -> FakePlatform.problem(422, "provider-error", "Razorpay cannot take a cancellation back."));
        fakes.on(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/plan",
                request -> FakePlatform.problem(409, "invalid-state",
                        "Only an active subscription can change plan; this one is past_due."));

        String undo = browser.post("/account/subscription/reactivate", Map.of()).body();
        String change = browser.post("/account/subscription/plan", Map.of("planCode", "basic-month-usd")).body();

        assertThat(undo).contains("class=\"panel-error\"").contains("Taking the cancellation back was refused by "
                + "the payment provider: Razorpay cannot take a cancellation back. Nothing was changed.");
        assertThat(change).contains("The plan change is not possible: Only an active subscription can change plan; "
                + "this one is past_due. Reload the page to see the subscription as it is now.");
    }

    @Test
    void billingsValidationProblemNamesTheFieldMessage() {
        billed("active", false, "stripe");
        fakes.on(Service.BILLING, "POST", "/api/billing/subscriptions/" + BILLED_ID + "/plan",
                request -> FakePlatform.validation("planCode", "is not sold in this region"));

        String change = browser.post("/account/subscription/plan", Map.of("planCode", "basic-month-usd")).body();

        assertThat(change).contains("The plan change was refused: is not sold in this region.")
                .doesNotContain("The request has 1 invalid field");
    }

    @Test
    void returningFromAPaidCheckoutRefreshesTheAccessTokenSoTheNewTierShowsAtOnce() {
        Browser.User paid = new Browser.User(user.subject(), user.email(), "enterprise", null, "subscriber");
        browser.programTokens(paid, Instant.now().plus(Duration.ofMinutes(15)), null, "refresh-after-checkout");

        HttpResponse<String> page = browser.get("/account/subscription?checkout=success");
        browser.get("/account/subscription");

        var refreshes = fakes.requests(Service.SUBSCRIPTION, "POST", "/oauth2/token").stream()
                .map(FakePlatform::body).filter(body -> body.contains("grant_type=refresh_token")).toList();
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.getFirst()).contains("refresh_token=refresh-" + user.subject());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"badge\">Enterprise</span>")
                .doesNotContain("<span class=\"badge\">Pro</span>");
    }

    @Test
    void anUnreachableAuthorizationServerAfterCheckoutKeepsTheSessionAndTheCurrentToken() {
        fakes.on(Service.SUBSCRIPTION, "POST", "/oauth2/token", request -> FakePlatform.problem(503, "unavailable",
                "down"));

        HttpResponse<String> page = browser.get("/account/subscription?checkout=success");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"badge\">Pro</span>");
        assertThat(browser.get("/account/subscription").statusCode()).isEqualTo(200);
    }
}
