package com.aifinance.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 webhook deliveries — 7,000 distinct events and 3,000 redeliveries — in shuffled order, from Stripe and
 * Razorpay at once: every payment is counted exactly once and every subscription ends in the state of its latest
 * event.
 */
class WebhookStormTest extends BillingTest {

    private static final int STRIPE_SUBSCRIBERS = 50;
    private static final int RAZORPAY_SUBSCRIBERS = 25;
    private static final String[] STRIPE_STATUSES = {"active", "past_due", "unpaid", "active", "canceled"};
    private static final String[][] RAZORPAY_STATUSES = {{"subscription.activated", "active"},
            {"subscription.pending", "pending"}, {"subscription.halted", "halted"}, {"subscription.charged", "active"}};

    private record Delivery(String provider, String eventId, String payload) {
    }

    @Test
    void tenThousandShuffledDeliveriesWithThirtyPercentDuplicatesCountEveryPaymentOnceAndEndInTheLatestState()
            throws Exception {
        long setup = System.nanoTime();
        Random random = new Random(20261126);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minus(Duration.ofDays(1));
        List<Delivery> events = new ArrayList<>();
        Map<String, String> expectedStatus = new HashMap<>();
        Map<String, Long> expectedPayments = new HashMap<>();

        for (int s = 0; s < STRIPE_SUBSCRIBERS; s++) {
            StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
            List<Integer> order = shuffledSeconds(100, random);
            String latest = null;
            int latestSecond = -1;
            for (int e = 0; e < 100; e++) {
                Instant at = base.plusSeconds(order.get(e));
                String eventId = "evt_storm_" + run + "_s" + s + "_" + e;
                if (e < 60) {
                    String status = STRIPE_STATUSES[random.nextInt(STRIPE_STATUSES.length)];
                    events.add(new Delivery("stripe", eventId, stripeEvent(eventId, "customer.subscription.updated",
                            stripeSubscriptionObject(subscriber, status, at.plusSeconds(30 * 86_400)), at)));
                    if (order.get(e) > latestSecond) {
                        latestSecond = order.get(e);
                        latest = status;
                    }
                } else {
                    String invoice = "in_storm_" + run + "_s" + s + "_" + e;
                    long amount = 50_000;
                    events.add(new Delivery("stripe", eventId, stripeEvent(eventId, "invoice.paid",
                            stripeInvoice(subscriber, invoice, amount, "usd", at), at)));
                    expectedPayments.put(invoice, amount);
                }
            }
            expectedStatus.put(subscriber.subscriptionId(), latest);
        }
        for (int s = 0; s < RAZORPAY_SUBSCRIBERS; s++) {
            Map<String, String> subscriber = razorpaySubscriber();
            List<Integer> order = shuffledSeconds(80, random);
            String latest = null;
            int latestSecond = -1;
            for (int e = 0; e < 80; e++) {
                Instant at = base.plusSeconds(order.get(e));
                String eventId = "evt_storm_" + run + "_r" + s + "_" + e;
                String[] type = e < 40 ? RAZORPAY_STATUSES[random.nextInt(RAZORPAY_STATUSES.length)]
                        : RAZORPAY_STATUSES[3];
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("subscription", Map.of("entity", Map.of("id", subscriber.get("razorpaySubscription"),
                        "entity", "subscription", "status", type[1], "customer_id", subscriber.get("customer"),
                        "notes", Map.of("billing_subscription_id", subscriber.get("subscription")))));
                if (type[0].equals("subscription.charged")) {
                    String payment = "pay_storm_" + run + "_r" + s + "_" + e;
                    payload.put("payment", Map.of("entity", Map.of("id", payment, "entity", "payment",
                            "amount", 3_999_900, "currency", "INR", "status", "captured", "fee", 0,
                            "customer_id", subscriber.get("customer"), "invoice_id", "inv_" + payment,
                            "notes", Map.of(), "created_at", at.getEpochSecond())));
                    expectedPayments.put(payment, 3_999_900L);
                }
                events.add(new Delivery("razorpay", eventId, razorpayEvent(type[0], payload, at)));
                if (order.get(e) > latestSecond) {
                    latestSecond = order.get(e);
                    latest = "active".equals(type[1]) ? "active" : "pending".equals(type[1]) ? "past_due" : "unpaid";
                }
            }
            expectedStatus.put(subscriber.get("subscription"), latest);
        }
        assertThat(events).hasSize(7_000);
        List<Delivery> deliveries = new ArrayList<>(events);
        for (int i = 0; i < 3_000; i++) {
            deliveries.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(deliveries, random);

        long sending = System.nanoTime();
        System.out.printf("storm: setup %.1f s%n", (sending - setup) / 1e9);
        List<Callable<Integer>> sends = deliveries.stream().map(delivery -> (Callable<Integer>) () ->
                "stripe".equals(delivery.provider()) ? stripeWebhook(delivery.payload()).status()
                        : razorpayWebhook(delivery.eventId(), delivery.payload()).status()).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Integer> status : pool.invokeAll(sends)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        long sent = System.nanoTime();
        System.out.printf("storm: 10,000 deliveries sent in %.1f s%n", (sent - sending) / 1e9);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> count(
                "select count(*) from webhook_events where event_id like ? and status = 'received'",
                "evt_storm_" + run + "%") == 0);

        System.out.printf("storm: all applied %.1f s after the last delivery%n", (System.nanoTime() - sent) / 1e9);
        assertThat(count("select count(*) from webhook_events where event_id like ?", "evt_storm_" + run + "%"))
                .isEqualTo(7_000);
        assertThat(count("select count(*) from webhook_events where event_id like ? and status <> 'processed'",
                "evt_storm_" + run + "%")).isZero();
        assertThat(count("select count(*) from payments where provider_payment_id like ?", "%_storm_" + run + "_%"))
                .isEqualTo(expectedPayments.size());
        assertThat(count("select count(*) from ledger_entries where entry_type = 'charge' and provider_reference like ?",
                "%_storm_" + run + "_%")).isEqualTo(expectedPayments.size());
        assertThat(count("select sum(amount_minor) from ledger_entries where entry_type = 'charge' "
                + "and provider_reference like ?", "%_storm_" + run + "_%"))
                .isEqualTo(expectedPayments.values().stream().mapToLong(Long::longValue).sum());
        assertThat(count("""
                select count(*) from event_outbox where type = 'payment.succeeded'
                  and envelope->'data'->>'providerPaymentId' like ?""", "%_storm_" + run + "_%"))
                .isEqualTo(expectedPayments.size());
        Map<String, String> actual = new HashMap<>();
        jdbc.sql("select id::text, status from billing_subscriptions where id::text = any(?)")
                .param(expectedStatus.keySet().toArray(String[]::new))
                .query((rs, row) -> actual.put(rs.getString(1), rs.getString(2))).list();
        assertThat(actual).isEqualTo(expectedStatus);
    }

    /** Distinct seconds 0..n-1 in random order: every event of a subscription has its own time. */
    private static List<Integer> shuffledSeconds(int n, Random random) {
        List<Integer> seconds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seconds.add(i * 7);
        }
        Collections.shuffle(seconds, random);
        return seconds;
    }

    private Map<String, String> razorpaySubscriber() {
        String user = newUser();
        Answer checkout = post("/api/billing/checkout", TestJwts.subscriber(user, "none"), Map.of("planCode", "pro-month-inr"));
        assertThat(checkout.status()).isEqualTo(201);
        String subscriptionId = checkout.body().path("subscriptionId").asString();
        Map<String, Object> row = jdbc.sql("""
                        select c.provider_customer_id, s.provider_subscription_id from billing_subscriptions s
                        join billing_customers c on c.id = s.customer_id where s.id = ?::uuid""")
                .param(subscriptionId).query().singleRow();
        return Map.of("subscription", subscriptionId, "customer", (String) row.get("provider_customer_id"),
                "razorpaySubscription", (String) row.get("provider_subscription_id"));
    }
}
