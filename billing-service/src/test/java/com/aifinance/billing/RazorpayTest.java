package com.aifinance.billing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RazorpayTest extends BillingTest {

    /** The cycle Razorpay's subscription entity says is current. */
    private static final long CYCLE_START = Instant.now().getEpochSecond();
    private static final long CYCLE_END = CYCLE_START + 30 * 86_400;

    private final String ops = TestJwts.ops("ops-1");

    @Test
    void aChargedSubscriptionBooksThePaymentOnceWithRazorpaysFee() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String payment = id("pay");
        String charged = id("evt");
        String captured = id("evt");
        Instant now = Instant.now();

        Answer first = razorpayWebhook(charged, charged(subscriber, payment, 3_999_900, now));
        Answer redelivered = razorpayWebhook(charged, charged(subscriber, payment, 3_999_900, now));
        // Razorpay also announces the same payment as captured: still one payment
        razorpayWebhook(captured, razorpayEvent("payment.captured", Map.of("payment", Map.of("entity",
                paymentEntity(subscriber, payment, 3_999_900, "INR", now))), now));

        assertThat(first.status()).isEqualTo(200);
        assertThat(redelivered.body().path("duplicate").asBoolean()).isTrue();
        assertThat(awaitHandled("razorpay", charged)).isEqualTo("processed");
        assertThat(awaitHandled("razorpay", captured)).isIn("processed", "ignored");
        assertThat(count("select count(*) from ledger_entries where provider_reference = ? and entry_type = 'charge'",
                payment)).isOne();
        assertThat(count("select amount_minor from ledger_entries where provider_reference = ? and entry_type = 'fee'",
                payment)).isEqualTo(94_398);
        assertThat(jdbc.sql("select status from billing_subscriptions where id = ?::uuid")
                .param(subscriber.subscriptionId()).query(String.class).single()).isEqualTo("active");
    }

    @Test
    void aRazorpayChargeIsPublishedWithTheCycleItPaid() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String charged = id("evt");
        Instant now = Instant.now();

        razorpayWebhook(charged, charged(subscriber, id("pay"), 3_999_900, now));

        assertThat(awaitHandled("razorpay", charged)).isEqualTo("processed");
        var paid = published("payment.succeeded", subscriber.userId()).getFirst();
        assertThat(paid.path("subscriptionId").asString()).isEqualTo(subscriber.subscriptionId());
        assertThat(paid.path("planCode").asString()).isEqualTo("pro-month-inr");
        assertThat(paid.path("billingInterval").asString()).isEqualTo("month");
        assertThat(Instant.parse(paid.path("periodStart").asString()).getEpochSecond()).isEqualTo(CYCLE_START);
        assertThat(Instant.parse(paid.path("periodEnd").asString()).getEpochSecond()).isEqualTo(CYCLE_END);
    }

    @Test
    void aCancellationAtRazorpayCannotBeTakenBackAndStaysScheduled() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String charged = id("evt");
        razorpayWebhook(charged, charged(subscriber, id("pay"), 3_999_900, Instant.now()));
        awaitHandled("razorpay", charged);
        String token = TestJwts.subscriber(subscriber.userId(), "pro");
        String path = "/api/billing/subscriptions/" + subscriber.subscriptionId();

        Answer canceled = post(path + "/cancel", token, Map.of("atPeriodEnd", true));
        Answer undo = post(path + "/reactivate", token, Map.of());

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(razorpay().requests("POST", "/v1/subscriptions/" + subscriber.razorpaySubscriptionId() + "/cancel")
                .getLast().body()).contains("\"cancel_at_cycle_end\":1");
        assertThat(undo.status()).isEqualTo(422);
        assertThat(undo.body().path("type").asString()).endsWith("problems/provider-error");
        assertThat(undo.body().path("detail").asString()).contains("cannot take back a cancellation");
        assertThat(get("/api/billing/subscriptions", token).body().get(0).path("cancelAtPeriodEnd").asBoolean())
                .isTrue();
        assertThat(published("billing_subscription.cancellation_scheduled", subscriber.userId())).hasSize(1);
        assertThat(published("billing_subscription.cancellation_undone", subscriber.userId())).isEmpty();
    }

    @Test
    void aForgedRazorpaySignatureIsRefused() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String event = id("evt");
        String payload = charged(subscriber, id("pay"), 3_999_900, Instant.now());

        Answer answer = razorpayWebhook(event, payload, razorpaySignature(payload, "not-the-secret"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).endsWith("problems/webhook-signature-invalid");
        assertThat(eventStatus("razorpay", event)).isNull();
    }

    @Test
    void aRazorpayPaymentInAnotherCurrencyIsParked() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String event = id("evt");
        Instant now = Instant.now();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subscription", Map.of("entity", subscriptionEntity(subscriber, "active")));
        payload.put("payment", Map.of("entity", paymentEntity(subscriber, id("pay"), 10_000, "USD", now)));

        razorpayWebhook(event, razorpayEvent("subscription.charged", payload, now));

        assertThat(awaitHandled("razorpay", event)).isEqualTo("parked");
        assertThat(eventNote("razorpay", event)).startsWith("currency_mismatch");
    }

    @Test
    void partialAndFullRazorpayRefundsNeverExceedThePayment() {
        RazorpaySubscriber subscriber = razorpaySubscriber();
        String payment = id("pay");
        String charged = id("evt");
        razorpayWebhook(charged, charged(subscriber, payment, 799_900, Instant.now()));
        awaitHandled("razorpay", charged);
        String paymentId = jdbc.sql("select id::text from payments where provider_payment_id = ?").param(payment)
                .query(String.class).single();

        Answer partial = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 300_000,
                "reason", "downtime credit"));
        Answer tooMuch = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 600_000,
                "reason", "too much"));
        Answer rest = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "reason", "closing account"));

        assertThat(partial.status()).isEqualTo(201);
        assertThat(razorpay().requests("POST", "/v1/payments/" + payment + "/refund").getFirst().header("Idempotency-Key"))
                .startsWith("aifa-refund-");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.body().path("amountMinor").asLong()).isEqualTo(499_900);
        assertThat(count("select sum(amount_minor) from ledger_entries where payment_id = ?::uuid and entry_type = 'refund'",
                paymentId)).isEqualTo(799_900);
        assertThat(count("select count(*) from credit_notes where payment_id = ?::uuid", paymentId)).isEqualTo(2);
    }

    record RazorpaySubscriber(String userId, String subscriptionId, String customerId, String razorpaySubscriptionId) {
    }

    private RazorpaySubscriber razorpaySubscriber() {
        String user = newUser();
        Answer checkout = post("/api/billing/checkout", TestJwts.subscriber(user, "none"), Map.of("planCode", "pro-month-inr"));
        assertThat(checkout.status()).isEqualTo(201);
        String subscriptionId = checkout.body().path("subscriptionId").asString();
        Map<String, Object> row = jdbc.sql("""
                        select c.provider_customer_id, s.provider_subscription_id from billing_subscriptions s
                        join billing_customers c on c.id = s.customer_id where s.id = ?::uuid""")
                .param(subscriptionId).query().singleRow();
        return new RazorpaySubscriber(user, subscriptionId, (String) row.get("provider_customer_id"),
                (String) row.get("provider_subscription_id"));
    }

    private static String charged(RazorpaySubscriber subscriber, String payment, long amount, Instant at) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subscription", Map.of("entity", subscriptionEntity(subscriber, "active")));
        payload.put("payment", Map.of("entity", paymentEntity(subscriber, payment, amount, "INR", at)));
        return razorpayEvent("subscription.charged", payload, at);
    }

    private static Map<String, Object> subscriptionEntity(RazorpaySubscriber subscriber, String status) {
        return Map.of("id", subscriber.razorpaySubscriptionId(), "entity", "subscription", "plan_id", "plan_x",
                "customer_id", subscriber.customerId(), "status", status,
                "current_start", CYCLE_START,
                "current_end", CYCLE_END,
                "notes", Map.of("billing_subscription_id", subscriber.subscriptionId()));
    }

    private static Map<String, Object> paymentEntity(RazorpaySubscriber subscriber, String payment, long amount,
                                                     String currency, Instant at) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", payment);
        entity.put("entity", "payment");
        entity.put("amount", amount);
        entity.put("currency", currency);
        entity.put("status", "captured");
        entity.put("method", "card");
        entity.put("invoice_id", "inv_" + payment.substring(4));
        entity.put("customer_id", subscriber.customerId());
        entity.put("fee", 94_398);
        entity.put("tax", 14_400);
        entity.put("notes", Map.of());
        entity.put("created_at", at.getEpochSecond());
        return entity;
    }
}
