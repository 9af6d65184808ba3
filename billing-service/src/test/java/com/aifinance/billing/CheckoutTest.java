package com.aifinance.billing;

import java.util.List;
import java.util.Map;

import com.aifinance.billing.fakes.FakeServer;
import com.aifinance.billing.fakes.FakeStripe;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutTest extends BillingTest {

    @Test
    void stripeCheckoutCreatesTheCustomerAndReturnsTheHostedPage() {
        String user = newUser();
        String token = TestJwts.subscriber(user, "none");

        Answer answer = post("/api/billing/checkout", token, Map.of("planCode", "pro-month-usd"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("provider").asString()).isEqualTo("stripe");
        assertThat(answer.body().path("paymentPageUrl").asString()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        FakeServer.Request session = stripe().requests("POST", "/v1/checkout/sessions").getLast();
        assertThat(session.form()).containsEntry("mode", "subscription")
                .containsEntry("client_reference_id", answer.body().path("subscriptionId").asString())
                .containsEntry("subscription_data[metadata][billing_subscription_id]",
                        answer.body().path("subscriptionId").asString())
                .containsKey("line_items[0][price]");
        assertThat(session.header("Idempotency-Key")).startsWith("aifa-checkout-");
    }

    @Test
    void repeatingTheCheckoutReturnsTheSamePageAndReusesTheCustomer() {
        String token = TestJwts.subscriber(newUser(), "none");
        Answer first = post("/api/billing/checkout", token, Map.of("planCode", "basic-month-usd"));
        int customersBefore = stripe().requests("POST", "/v1/customers").size();

        Answer second = post("/api/billing/checkout", token, Map.of("planCode", "basic-month-usd"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("reused").asBoolean()).isTrue();
        assertThat(second.body().path("paymentPageUrl").asString()).isEqualTo(first.body().path("paymentPageUrl").asString());
        assertThat(stripe().requests("POST", "/v1/customers")).hasSize(customersBefore);
    }

    @Test
    void aRetriedCheckoutSendsStripeTheSameIdempotencyKey() {
        String token = TestJwts.subscriber(newUser(), "none");
        post("/api/billing/checkout", token, Map.of("planCode", "pro-year-usd")); // warms the customer and price
        String other = TestJwts.subscriber(newUser(), "none");
        int before = stripe().requests("POST", "/v1/checkout/sessions").size();
        // stripe-java retries twice by itself; the third failure reaches the caller
        stripe().failNext("POST", "/v1/checkout/sessions", 3, 500,
                FakeStripe.errorBody("api_error", "internal", "Stripe had a problem"));

        Answer failed = post("/api/billing/checkout", other, Map.of("planCode", "pro-year-usd"));
        Answer retried = post("/api/billing/checkout", other, Map.of("planCode", "pro-year-usd"));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.body().path("type").asString()).endsWith("problems/provider-error");
        assertThat(retried.status()).isEqualTo(201);
        List<FakeServer.Request> attempts = stripe().requests("POST", "/v1/checkout/sessions");
        List<String> keys = attempts.subList(before, attempts.size()).stream()
                .map(request -> request.header("Idempotency-Key")).distinct().toList();
        assertThat(attempts.size() - before).isEqualTo(4);
        assertThat(keys).hasSize(1);
    }

    @Test
    void razorpayCheckoutReturnsTheSubscriptionShortUrl() {
        String user = newUser();
        Answer answer = post("/api/billing/checkout", TestJwts.subscriber(user, "none"), Map.of("planCode", "pro-month-inr"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("provider").asString()).isEqualTo("razorpay");
        assertThat(answer.body().path("paymentPageUrl").asString()).startsWith("https://rzp.io/i/sub_Fake");
        FakeServer.Request created = razorpay().requests("POST", "/v1/subscriptions").getLast();
        assertThat(created.header("Authorization")).startsWith("Basic ");
        assertThat(created.header("Idempotency-Key")).startsWith("aifa-checkout-");
        assertThat(JSON.readTree(created.body()).path("notes").path("billing_subscription_id").asString())
                .isEqualTo(answer.body().path("subscriptionId").asString());
        assertThat(jdbc.sql("select provider_subscription_id from billing_subscriptions where id = ?::uuid")
                .param(answer.body().path("subscriptionId").asString()).query(String.class).single()).startsWith("sub_Fake");
    }

    @Test
    void aPlanInAnotherCurrencyThanTheCustomersIsRefused() {
        String token = TestJwts.subscriber(newUser(), "none");
        post("/api/billing/checkout", token, Map.of("planCode", "basic-month-usd"));
        double before = counter("billing_requests_refused", "reason", "currency_mismatch");

        Answer answer = post("/api/billing/checkout", token, Map.of("planCode", "basic-month-inr"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("type").asString()).endsWith("problems/currency-mismatch");
        assertThat(counter("billing_requests_refused", "reason", "currency_mismatch") - before).isOne();
    }

    @Test
    void anUnknownPlanIsRefused() {
        Answer answer = post("/api/billing/checkout", TestJwts.subscriber(newUser(), "none"),
                Map.of("planCode", "platinum-month-usd"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("type").asString()).endsWith("problems/unknown-plan");
    }

    @Test
    void anUpgradeIsProratedNowAndADowngradeWaitsForThePeriodEnd() {
        StripeSubscriber subscriber = activeStripeSubscriber("basic-month-usd");

        Answer upgrade = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/plan", subscriber.token(),
                Map.of("planCode", "pro-month-usd"));
        FakeServer.Request upgradeCall = stripe().requests("POST", "/v1/subscriptions/" + subscriber.stripeSubscriptionId())
                .getLast();
        Answer downgrade = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/plan",
                subscriber.token(), Map.of("planCode", "basic-month-usd"));
        FakeServer.Request downgradeCall = stripe().requests("POST",
                "/v1/subscriptions/" + subscriber.stripeSubscriptionId()).getLast();

        assertThat(upgrade.status()).isEqualTo(200);
        assertThat(upgrade.body().path("planCode").asString()).isEqualTo("pro-month-usd");
        assertThat(upgrade.body().path("tier").asString()).isEqualTo("pro");
        assertThat(upgradeCall.form()).containsEntry("proration_behavior", "always_invoice")
                .containsEntry("items[0][id]", String.valueOf(((Map<?, ?>) ((List<?>) ((Map<?, ?>) stripe()
                        .subscription(subscriber.stripeSubscriptionId()).get("items")).get("data")).getFirst()).get("id")));
        assertThat(downgrade.body().path("planCode").asString()).isEqualTo("pro-month-usd");
        assertThat(downgrade.body().path("pendingPlanCode").asString()).isEqualTo("basic-month-usd");
        assertThat(downgradeCall.form()).containsEntry("proration_behavior", "none");
    }

    @Test
    void cancelingAtThePeriodEndTellsStripeAndKeepsTheSubscriptionUntilThen() {
        StripeSubscriber subscriber = activeStripeSubscriber("basic-month-usd");

        Answer answer = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/cancel",
                subscriber.token(), Map.of("atPeriodEnd", true));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asString()).isEqualTo("active");
        assertThat(answer.body().path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(stripe().requests("POST", "/v1/subscriptions/" + subscriber.stripeSubscriptionId()).getLast().form())
                .containsEntry("cancel_at_period_end", "true");
    }

    @Test
    void someoneElsesSubscriptionCannotBeChanged() {
        StripeSubscriber subscriber = activeStripeSubscriber("basic-month-usd");

        Answer answer = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/cancel",
                TestJwts.subscriber(newUser(), "basic"), Map.of("atPeriodEnd", false));

        assertThat(answer.status()).isEqualTo(404);
    }

    private StripeSubscriber activeStripeSubscriber(String plan) {
        StripeSubscriber subscriber = stripeSubscriber(plan);
        String event = id("evt");
        stripeWebhook(stripeEvent(event, "customer.subscription.created", stripeSubscriptionObject(subscriber, "active",
                java.time.Instant.now().plusSeconds(30 * 86_400)), java.time.Instant.now()));
        awaitHandled("stripe", event);
        return subscriber;
    }
}
