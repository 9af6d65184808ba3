package com.aifinance.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest extends BillingTest {

    private final String ops = TestJwts.ops("ops-1");

    @Test
    void everyDifferenceBetweenTheLedgerAndStripeIsReportedAndExposed() {
        StripeSubscriber subscriber = stripeSubscriber("basic-month-usd");
        Instant now = Instant.now();
        String booked = id("in");
        String bookedWrongly = id("in");
        String event = id("evt");
        stripeWebhook(stripeEvent(event, "invoice.paid", stripeInvoice(subscriber, booked, 9_900, "usd", now), now));
        awaitHandled("stripe", event);
        String other = id("evt");
        stripeWebhook(stripeEvent(other, "invoice.paid", stripeInvoice(subscriber, bookedWrongly, 9_900, "usd", now), now));
        awaitHandled("stripe", other);
        String unbooked = id("in");
        String missedEvent = id("evt");
        stripe().listed(
                List.of(invoice(booked, 9_900, now), invoice(bookedWrongly, 5_000, now), invoice(unbooked, 50_000, now)),
                List.of(),
                List.of(Map.of("id", event, "object", "event", "type", "invoice.paid", "created", now.getEpochSecond()),
                        Map.of("id", missedEvent, "object", "event", "type", "invoice.paid", "created", now.getEpochSecond())));

        Answer run = post("/api/billing/ops/reconciliations", ops, Map.of("from", now.minusSeconds(60).toString(),
                "to", now.plusSeconds(60).toString()));

        assertThat(run.status()).isEqualTo(201);
        List<JsonNode> stripeDifferences = differences(get("/api/billing/ops/reconciliations/"
                + run.body().path("id").asString(), ops).body(), "stripe");
        assertThat(stripeDifferences).extracting(difference -> difference.path("kind").asString() + " "
                        + difference.path("reference").asString())
                .contains("missing_in_ledger " + unbooked, "amount_mismatch " + bookedWrongly,
                        "event_not_received " + missedEvent)
                .doesNotContain("missing_in_ledger " + booked, "amount_mismatch " + booked,
                        "missing_at_provider " + booked);
        assertThat(meters.find("billing_reconciliation_differences").tag("provider", "stripe").gauge().value())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void onlyOpsMayRunReconciliation() {
        assertThat(post("/api/billing/ops/reconciliations", TestJwts.subscriber(newUser(), "pro"), Map.of()).status())
                .isEqualTo(403);
    }

    private static List<JsonNode> differences(JsonNode run, String provider) {
        List<JsonNode> found = new java.util.ArrayList<>();
        run.path("differences").forEach(difference -> {
            if (provider.equals(difference.path("provider").asString())) {
                found.add(difference);
            }
        });
        return found;
    }

    private static Map<String, Object> invoice(String id, long amount, Instant at) {
        return Map.of("id", id, "object", "invoice", "status", "paid", "amount_paid", amount, "currency", "usd",
                "created", at.getEpochSecond(), "status_transitions", Map.of("paid_at", at.getEpochSecond()));
    }
}
