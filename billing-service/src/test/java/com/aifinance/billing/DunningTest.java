package com.aifinance.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.aifinance.billing.dunning.Dunning;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DunningTest extends BillingTest {

    @Autowired
    Dunning dunning;

    @Test
    void aFailedPaymentIsRetriedOnScheduleAndTheSubscriptionIsCanceledAfterTheLastFailure() {
        stripe().payInvoicesSucceeds(false);
        StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
        String invoiceId = id("in");
        Instant failedAt = Instant.now();

        failInvoice(subscriber, invoiceId, failedAt);

        assertThat(status(subscriber)).isEqualTo("past_due");
        assertThat(failures(subscriber)).extracting(failure -> failure.get("attempt"), failure -> failure.get("finalAttempt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "false"));
        assertThat(notifications(subscriber)).isEqualTo(1);

        dunning.runDue(failedAt.plus(Duration.ofDays(2)));          // nothing due before day 3
        assertThat(failures(subscriber)).hasSize(1);
        dunning.runDue(failedAt.plus(Duration.ofDays(3)));
        dunning.runDue(failedAt.plus(Duration.ofDays(8)));
        assertThat(status(subscriber)).isEqualTo("past_due");
        dunning.runDue(failedAt.plus(Duration.ofDays(15)));

        assertThat(stripe().requests("POST", "/v1/invoices/" + invoiceId + "/pay")).hasSize(3)
                .extracting(request -> request.header("Idempotency-Key")).doesNotHaveDuplicates();
        assertThat(failures(subscriber)).extracting(failure -> failure.get("attempt"), failure -> failure.get("finalAttempt"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "false"),
                        org.assertj.core.groups.Tuple.tuple("2", "false"),
                        org.assertj.core.groups.Tuple.tuple("3", "false"),
                        org.assertj.core.groups.Tuple.tuple("4", "true"));
        assertThat(failures(subscriber).getLast().get("nextRetryAt")).isNull();
        assertThat(notifications(subscriber)).isEqualTo(4);
        assertThat(stripe().requests("DELETE", "/v1/subscriptions/" + subscriber.stripeSubscriptionId())).hasSize(1);
        assertThat(status(subscriber)).isEqualTo("canceled");
        // subscription-service mirrors the end from its own event as well as from payment.failed's finalAttempt
        assertThat(published("billing_subscription.canceled", subscriber.userId()))
                .singleElement().satisfies(canceled -> {
                    assertThat(canceled.path("subscriptionId").asString()).isEqualTo(subscriber.subscriptionId());
                    assertThat(canceled.path("cause").asString()).isEqualTo("dunning");
                    assertThat(canceled.path("status").asString()).isEqualTo("canceled");
                });
    }

    @Test
    void aPaymentDuringDunningEndsItAndReactivatesTheSubscription() {
        StripeSubscriber subscriber = stripeSubscriber("basic-month-usd");
        String invoiceId = id("in");
        Instant failedAt = Instant.now();
        failInvoice(subscriber, invoiceId, failedAt);

        String paid = id("evt");
        stripeWebhook(stripeEvent(paid, "invoice.paid", stripeInvoice(subscriber, invoiceId, 9_900, "usd",
                failedAt.plusSeconds(5)), failedAt.plusSeconds(5)));
        awaitHandled("stripe", paid);
        int retries = stripe().requests("POST", "/v1/invoices/" + invoiceId + "/pay").size();
        dunning.runDue(failedAt.plus(Duration.ofDays(20)));

        assertThat(status(subscriber)).isEqualTo("active");
        assertThat(stripe().requests("POST", "/v1/invoices/" + invoiceId + "/pay")).hasSize(retries);
        assertThat(jdbc.sql("select status from dunning_cases where provider_invoice_id = ?").param(invoiceId)
                .query(String.class).single()).isEqualTo("recovered");
    }

    private void failInvoice(StripeSubscriber subscriber, String invoiceId, Instant at) {
        Map<String, Object> invoice = new LinkedHashMap<>(stripeInvoice(subscriber, invoiceId, 0, "usd", at));
        invoice.put("amount_paid", 0);
        invoice.put("amount_due", subscriber.subscriptionId() == null ? 0 : amountOf(subscriber));
        invoice.put("status", "open");
        invoice.put("last_finalization_error", Map.of("code", "card_declined"));
        String event = id("evt");
        stripeWebhook(stripeEvent(event, "invoice.payment_failed", invoice, at));
        assertThat(awaitHandled("stripe", event)).isEqualTo("processed");
    }

    private long amountOf(StripeSubscriber subscriber) {
        return count("select amount_minor from billing_subscriptions where id = ?::uuid", subscriber.subscriptionId());
    }

    private String status(StripeSubscriber subscriber) {
        return jdbc.sql("select status from billing_subscriptions where id = ?::uuid").param(subscriber.subscriptionId())
                .query(String.class).single();
    }

    private List<Map<String, Object>> failures(StripeSubscriber subscriber) {
        return jdbc.sql("""
                        select envelope->'data'->>'attempt' as attempt, envelope->'data'->>'finalAttempt' as "finalAttempt",
                               envelope->'data'->>'nextRetryAt' as "nextRetryAt"
                        from event_outbox where type = 'payment.failed' and subject = ? order by id""")
                .param(subscriber.userId()).query().listOfRows();
    }

    private long notifications(StripeSubscriber subscriber) {
        return count("""
                select count(*) from event_outbox where stream = 'aifa.notify' and type = 'notification.requested'
                  and subject = ? and envelope->'data'->>'template' = 'payment_failed'""", subscriber.userId());
    }
}
