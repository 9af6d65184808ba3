package com.aifinance.billing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.aifinance.billing.fakes.FakeVendors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeWebhookTest extends BillingTest {

    @Test
    void paidInvoiceIsBookedOnceWithANumberedInvoiceAndEvents() {
        StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
        double revenueBefore = counter("revenue", "tier", "pro", "currency", "USD");
        String invoiceId = id("in");
        String eventId = id("evt");
        String payload = stripeEvent(eventId, "invoice.paid",
                stripeInvoice(subscriber, invoiceId, 50_000, "usd", Instant.now()), Instant.now());

        Answer first = stripeWebhook(payload);
        Answer duplicate = stripeWebhook(payload);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("duplicate").asBoolean()).isFalse();
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body().path("duplicate").asBoolean()).isTrue();
        assertThat(awaitHandled("stripe", eventId)).isEqualTo("processed");
        assertThat(count("select count(*) from ledger_entries where provider_reference = ? and entry_type = 'charge'",
                invoiceId)).isOne();
        assertThat(count("select sum(amount_minor) from ledger_entries where provider_reference = ?", invoiceId))
                .isEqualTo(50_000);
        assertThat(jdbc.sql("select number from invoices where provider_invoice_id = ?").param(invoiceId)
                .query(String.class).single()).matches("INV-USD-\\d{6}");
        assertThat(count("select count(*) from event_outbox where type = 'payment.succeeded' and subject = ?",
                subscriber.userId())).isOne();
        assertThat(count("select count(*) from event_outbox where type = 'invoice.paid' and subject = ?",
                subscriber.userId())).isOne();
        assertThat(jdbc.sql("select envelope->'data'->>'tier' from event_outbox where type = 'payment.succeeded' "
                + "and subject = ?").param(subscriber.userId()).query(String.class).single()).isEqualTo("pro");
        assertThat(counter("revenue", "tier", "pro", "currency", "USD") - revenueBefore).isEqualTo(50_000);
    }

    @Test
    void forgedSignatureIsRefusedAndCountedAndNothingIsStored() {
        double before = counter("billing_webhooks_rejected", "provider", "stripe", "reason", "signature_invalid");
        String eventId = id("evt");
        String payload = stripeEvent(eventId, "invoice.paid", Map.of("id", id("in")), Instant.now());

        Answer answer = stripeWebhook(payload, stripeSignature(payload, "whsec_forger", Instant.now().getEpochSecond()));
        Answer unsigned = stripeWebhook(payload, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).endsWith("problems/webhook-signature-invalid");
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(eventStatus("stripe", eventId)).isNull();
        assertThat(counter("billing_webhooks_rejected", "provider", "stripe", "reason", "signature_invalid") - before)
                .isEqualTo(2);
    }

    @Test
    void signatureOlderThanTheToleranceIsRefused() {
        double before = counter("billing_webhooks_rejected", "provider", "stripe", "reason",
                "timestamp_outside_tolerance");
        String eventId = id("evt");
        String payload = stripeEvent(eventId, "invoice.paid", Map.of("id", id("in")), Instant.now());
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        Answer answer = stripeWebhook(payload, stripeSignature(payload, FakeVendors.STRIPE_WEBHOOK_SECRET, sixMinutesAgo));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).endsWith("problems/webhook-timestamp-outside-tolerance");
        assertThat(eventStatus("stripe", eventId)).isNull();
        assertThat(counter("billing_webhooks_rejected", "provider", "stripe", "reason", "timestamp_outside_tolerance")
                - before).isOne();
    }

    @Test
    void signedButMalformedJsonIsRefused() {
        double before = counter("billing_webhooks_rejected", "provider", "stripe", "reason", "malformed");
        String payload = "{\"id\": \"evt_broken\", \"type\": \"invoice.paid\", ";

        Answer answer = stripeWebhook(payload);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("type").asString()).endsWith("problems/webhook-malformed");
        assertThat(counter("billing_webhooks_rejected", "provider", "stripe", "reason", "malformed") - before).isOne();
    }

    @Test
    void unknownEventTypeIsStoredAndAcknowledged() {
        String eventId = id("evt");
        Answer answer = stripeWebhook(stripeEvent(eventId, "customer.tax_id.created",
                Map.of("id", "txi_1", "object", "tax_id"), Instant.now()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(awaitHandled("stripe", eventId)).isEqualTo("ignored");
    }

    @Test
    void eventForAnUnknownCustomerIsParkedWithItsReasonAndCounted() {
        double before = counter("billing_webhook_events_parked", "provider", "stripe", "reason", "unknown_customer");
        String eventId = id("evt");
        Map<String, Object> invoice = Map.of("id", id("in"), "object", "invoice", "customer", "cus_nobody",
                "amount_paid", 9900, "currency", "usd", "status_transitions", Map.of("paid_at", 1_800_000_000));

        Answer answer = stripeWebhook(stripeEvent(eventId, "invoice.paid", invoice, Instant.now()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(awaitHandled("stripe", eventId)).isEqualTo("parked");
        assertThat(eventNote("stripe", eventId)).startsWith("unknown_customer");
        assertThat(count("select count(*) from ledger_entries where provider_reference = ?", invoice.get("id"))).isZero();
        assertThat(counter("billing_webhook_events_parked", "provider", "stripe", "reason", "unknown_customer") - before)
                .isOne();
    }

    @Test
    void paymentInAnotherCurrencyThanTheCustomersIsParked() {
        StripeSubscriber subscriber = stripeSubscriber("basic-month-usd");
        String eventId = id("evt");
        String invoiceId = id("in");

        stripeWebhook(stripeEvent(eventId, "invoice.paid", stripeInvoice(subscriber, invoiceId, 9900, "eur",
                Instant.now()), Instant.now()));

        assertThat(awaitHandled("stripe", eventId)).isEqualTo("parked");
        assertThat(eventNote("stripe", eventId)).startsWith("currency_mismatch");
        assertThat(count("select count(*) from payments where provider_payment_id = ?", invoiceId)).isZero();
    }

    @Test
    void negativeAmountIsParkedAndNothingIsBooked() {
        StripeSubscriber subscriber = stripeSubscriber("basic-month-usd");
        String eventId = id("evt");
        String invoiceId = id("in");

        stripeWebhook(stripeEvent(eventId, "invoice.paid", stripeInvoice(subscriber, invoiceId, -500, "usd",
                Instant.now()), Instant.now()));

        assertThat(awaitHandled("stripe", eventId)).isEqualTo("parked");
        assertThat(eventNote("stripe", eventId)).startsWith("non_positive_amount");
        assertThat(count("select count(*) from ledger_entries where provider_reference = ?", invoiceId)).isZero();
    }

    @Test
    void anOlderSubscriptionEventArrivingLateNeverMovesTheSubscriptionBack() {
        StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String canceled = id("evt");
        String active = id("evt");

        stripeWebhook(stripeEvent(canceled, "customer.subscription.deleted",
                stripeSubscriptionObject(subscriber, "canceled", now.plusSeconds(86_400)), now));
        awaitHandled("stripe", canceled);
        stripeWebhook(stripeEvent(active, "customer.subscription.updated",
                stripeSubscriptionObject(subscriber, "active", now.plusSeconds(86_400)), now.minusSeconds(60)));
        awaitHandled("stripe", active);

        assertThat(jdbc.sql("select status from billing_subscriptions where id = ?::uuid")
                .param(subscriber.subscriptionId()).query(String.class).single()).isEqualTo("canceled");
    }

    @Test
    void completedCheckoutLinksTheStripeSubscriptionAndItsEventsApply() {
        StripeSubscriber subscriber = stripeSubscriber("basic-month-usd");
        String completed = id("evt");
        String created = id("evt");
        Instant now = Instant.now();

        stripeWebhook(stripeEvent(completed, "checkout.session.completed", Map.of("id", id("cs"),
                "object", "checkout.session", "mode", "subscription", "client_reference_id", subscriber.subscriptionId(),
                "subscription", subscriber.stripeSubscriptionId(), "customer", subscriber.customerId()), now));
        stripeWebhook(stripeEvent(created, "customer.subscription.created",
                stripeSubscriptionObject(subscriber, "active", now.plusSeconds(30 * 86_400)), now));

        assertThat(awaitHandled("stripe", completed)).isEqualTo("processed");
        assertThat(awaitHandled("stripe", created)).isEqualTo("processed");
        Map<String, Object> row = jdbc.sql("select provider_subscription_id, status from billing_subscriptions "
                + "where id = ?::uuid").param(subscriber.subscriptionId()).query().singleRow();
        assertThat(row).containsEntry("provider_subscription_id", subscriber.stripeSubscriptionId())
                .containsEntry("status", "active");
    }
}
