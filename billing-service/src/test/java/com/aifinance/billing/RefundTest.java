package com.aifinance.billing;

import java.time.Instant;
import java.util.Map;

import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefundTest extends BillingTest {

    private final String ops = TestJwts.ops("ops-1");

    @Test
    void aPartialStripeRefundIsBookedWithACreditNoteAndTheRestStaysRefundable() {
        String paymentId = paidStripeInvoice(50_000);

        Answer refund = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 20_000,
                "reason", "goodwill"));

        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.body().path("status").asString()).isEqualTo("issued");
        String providerRefund = refund.body().path("providerRefundId").asString();
        assertThat(stripe().requests("POST", "/v1/refunds").getLast().form())
                .containsEntry("amount", "20000").containsEntry("metadata[aifa_payment_id]", paymentId)
                .containsKey("payment_intent");
        assertThat(count("select amount_minor from ledger_entries where provider_reference = ? and entry_type = 'refund'",
                providerRefund)).isEqualTo(20_000);
        assertThat(jdbc.sql("select number from credit_notes where payment_id = ?::uuid").param(paymentId)
                .query(String.class).single()).matches("CN-USD-\\d{6}");
        assertThat(count("select count(*) from event_outbox where type = 'refund.issued' and envelope->'data'->>'paymentId' = ?",
                paymentId)).isOne();
        assertThat(count("select refunded_minor from payments where id = ?::uuid", paymentId)).isEqualTo(20_000);
    }

    @Test
    void aRefundLargerThanWhatIsLeftIsRefusedAndNothingReachesStripe() {
        String paymentId = paidStripeInvoice(9_900);
        post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 5_000, "reason", "partial"));
        int refundCalls = stripe().requests("POST", "/v1/refunds").size();
        double before = counter("billing_requests_refused", "reason", "refund_exceeds_payment");

        Answer answer = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 5_000,
                "reason", "too much"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("type").asString()).endsWith("problems/refund-exceeds-payment");
        assertThat(answer.body().path("refundableMinor").asLong()).isEqualTo(4_900);
        assertThat(stripe().requests("POST", "/v1/refunds")).hasSize(refundCalls);
        assertThat(counter("billing_requests_refused", "reason", "refund_exceeds_payment") - before).isOne();
    }

    @Test
    void zeroAndNegativeRefundsAreRefused() {
        String paymentId = paidStripeInvoice(9_900);
        double before = counter("billing_requests_refused", "reason", "non_positive_amount");

        Answer zero = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 0, "reason", "x"));
        Answer negative = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", -100,
                "reason", "x"));

        assertThat(zero.status()).isEqualTo(400);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().path("type").asString()).endsWith("problems/non-positive-amount");
        assertThat(counter("billing_requests_refused", "reason", "non_positive_amount") - before).isEqualTo(2);
        assertThat(count("select refunded_minor from payments where id = ?::uuid", paymentId)).isZero();
    }

    @Test
    void aRefundInAnotherCurrencyThanThePaymentIsRefused() {
        String paymentId = paidStripeInvoice(9_900);

        Answer answer = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "amountMinor", 100,
                "currency", "INR", "reason", "x"));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("type").asString()).endsWith("problems/currency-mismatch");
    }

    @Test
    void aSubscriberCannotRefund() {
        String paymentId = paidStripeInvoice(9_900);

        Answer answer = post("/api/billing/refunds", TestJwts.subscriber(newUser(), "pro"),
                Map.of("paymentId", paymentId, "reason", "x"));

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void theRefundWebhookOfARefundWeMadeChangesNothing() {
        String paymentId = paidStripeInvoice(9_900);
        Answer refund = post("/api/billing/refunds", ops, Map.of("paymentId", paymentId, "reason", "full"));
        String providerRefund = refund.body().path("providerRefundId").asString();
        String event = id("evt");

        stripeWebhook(stripeEvent(event, "refund.created", Map.of("id", providerRefund, "object", "refund",
                "amount", 9_900, "currency", "usd", "status", "succeeded", "payment_intent", "pi_x",
                "metadata", Map.of("aifa_payment_id", paymentId, "aifa_refund_id", refund.body().path("id").asString())),
                Instant.now()));

        assertThat(awaitHandled("stripe", event)).isEqualTo("processed");
        assertThat(count("select count(*) from ledger_entries where provider_reference = ?", providerRefund)).isOne();
        assertThat(count("select count(*) from credit_notes where payment_id = ?::uuid", paymentId)).isOne();
    }

    /** A subscriber whose Stripe invoice was paid: returns our payment id. */
    private String paidStripeInvoice(long amount) {
        StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
        String invoiceId = id("in");
        stripe().paidInvoice(invoiceId, id("pi"));
        String event = id("evt");
        stripeWebhook(stripeEvent(event, "invoice.paid", stripeInvoice(subscriber, invoiceId, amount, "usd",
                Instant.now()), Instant.now()));
        awaitHandled("stripe", event);
        return jdbc.sql("select id::text from payments where provider_payment_id = ?").param(invoiceId)
                .query(String.class).single();
    }
}
