package com.aifinance.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aifinance.billing.fakes.FakeServer;
import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.testsupport.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What billing publishes on {@code aifa.billing} for subscription-service to mirror: every change a customer, ops,
 * the provider or dunning makes to a subscription, with billing's subscription id and the state after the change
 * (docs/contracts.md).
 */
class SubscriptionEventsTest extends BillingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aPaidCheckoutIsPublishedWithThePlanTierIntervalAndThePeriodItPays() {
        StripeSubscriber subscriber = stripeSubscriber("pro-month-usd");
        Instant paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant periodEnd = paidAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        String event = id("evt");

        stripeWebhook(stripeEvent(event, "invoice.paid", stripeInvoice(subscriber, id("in"), 50_000, "usd", paidAt,
                paidAt, periodEnd), paidAt));

        assertThat(awaitHandled("stripe", event)).isEqualTo("processed");
        JsonNode paid = published("payment.succeeded", subscriber.userId()).getFirst();
        assertThat(paid.path("subscriptionId").asString()).isEqualTo(subscriber.subscriptionId());
        assertThat(paid.path("userId").asString()).isEqualTo(subscriber.userId());
        assertThat(paid.path("planCode").asString()).isEqualTo("pro-month-usd");
        assertThat(paid.path("tier").asString()).isEqualTo("pro");
        assertThat(paid.path("billingInterval").asString()).isEqualTo("month");
        assertThat(Instant.parse(paid.path("paidAt").asString())).isEqualTo(paidAt);
        assertThat(Instant.parse(paid.path("periodStart").asString())).isEqualTo(paidAt);
        assertThat(Instant.parse(paid.path("periodEnd").asString())).isEqualTo(periodEnd);
        assertThat(Instant.parse(subscription(subscriber).path("currentPeriodEnd").asString())).isEqualTo(periodEnd);
    }

    @Test
    void anEnterpriseOrganisationsBankTransferPaysOneIntervalFromTheDayTheMoneyArrived() {
        String admin = newUser();
        String organisation = UUID.randomUUID().toString();
        String token = TestJwts.token().subject(admin).tier("none").organisation(organisation)
                .roles("subscriber", "org_admin").sign();
        Answer checkout = post("/api/billing/checkout", token, Map.of("planCode", "enterprise-month-usd",
                "paymentMethod", "bank_transfer"));
        assertThat(checkout.status()).as(checkout.raw()).isEqualTo(201);
        String invoiceId = checkout.body().path("paymentPageUrl").asString().split("/")[4];
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Answer paid = post("/api/billing/ops/bank-invoices/" + invoiceId + "/payments", TestJwts.ops("ops-1"),
                Map.of("bankReference", "BARC-ENT-0001", "amountMinor", 200_000, "currency", "USD",
                        "receivedAt", receivedAt.toString()));

        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        JsonNode succeeded = published("payment.succeeded", admin).getFirst();
        assertThat(succeeded.path("subscriptionId").asString())
                .isEqualTo(checkout.body().path("subscriptionId").asString());
        assertThat(succeeded.path("organisationId").asString()).isEqualTo(organisation);
        assertThat(succeeded.path("tier").asString()).isEqualTo("enterprise");
        assertThat(succeeded.path("planCode").asString()).isEqualTo("enterprise-month-usd");
        assertThat(Instant.parse(succeeded.path("periodStart").asString())).isEqualTo(receivedAt);
        assertThat(Instant.parse(succeeded.path("periodEnd").asString()))
                .isEqualTo(receivedAt.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant());
    }

    @Test
    void anUpgradeIsInForceNowADowngradeAtThePeriodEndAndTheRenewalPaysTheLowerPlan() {
        Instant periodEnd = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        StripeSubscriber subscriber = activeStripeSubscriber("basic-month-usd", periodEnd);

        Answer upgrade = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/plan",
                subscriber.token(), Map.of("planCode", "pro-month-usd"));
        Answer downgrade = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/plan",
                subscriber.token(), Map.of("planCode", "basic-month-usd"));

        assertThat(upgrade.status()).as(upgrade.raw()).isEqualTo(200);
        assertThat(downgrade.status()).as(downgrade.raw()).isEqualTo(200);
        JsonNode changed = published("billing_subscription.plan_changed", subscriber.userId()).getFirst();
        assertThat(changed.path("subscriptionId").asString()).isEqualTo(subscriber.subscriptionId());
        assertThat(changed.path("planCode").asString()).isEqualTo("pro-month-usd");
        assertThat(changed.path("tier").asString()).isEqualTo("pro");
        assertThat(changed.path("previousPlanCode").asString()).isEqualTo("basic-month-usd");
        assertThat(changed.path("cause").asString()).isEqualTo("customer");
        assertThat(changed.path("occurredAt").isString()).isTrue();
        JsonNode scheduled = published("billing_subscription.plan_change_scheduled", subscriber.userId()).getFirst();
        assertThat(scheduled.path("planCode").asString()).isEqualTo("pro-month-usd");
        assertThat(scheduled.path("pendingPlanCode").asString()).isEqualTo("basic-month-usd");
        assertThat(Instant.parse(scheduled.path("effectiveAt").asString())).isEqualTo(periodEnd);

        // Stripe charges the next period at the lower price: the downgrade is in force before the payment is told
        String renewal = id("evt");
        stripeWebhook(stripeEvent(renewal, "invoice.paid", stripeInvoice(subscriber, id("in"), 9_900, "usd",
                periodEnd.plusSeconds(3_600), periodEnd, periodEnd.plus(Duration.ofDays(30))),
                periodEnd.plusSeconds(3_600)));

        assertThat(awaitHandled("stripe", renewal)).isEqualTo("processed");
        assertThat(publishedTypes(subscriber.userId())).containsSubsequence("billing_subscription.plan_changed",
                "billing_subscription.plan_change_scheduled", "billing_subscription.plan_changed", "payment.succeeded");
        JsonNode applied = published("billing_subscription.plan_changed", subscriber.userId()).getLast();
        assertThat(applied.path("planCode").asString()).isEqualTo("basic-month-usd");
        assertThat(applied.path("cause").asString()).isEqualTo("period_end");
        assertThat(applied.path("pendingPlanCode").isNull()).isTrue();
        JsonNode paid = published("payment.succeeded", subscriber.userId()).getLast();
        assertThat(paid.path("planCode").asString()).isEqualTo("basic-month-usd");
        assertThat(paid.path("tier").asString()).isEqualTo("basic");
        assertThat(subscription(subscriber).path("pendingPlanCode").isNull()).isTrue();
    }

    @Test
    void aCancellationAtThePeriodEndCanBeTakenBackAndEachStepIsPublishedAndReachesStripe() {
        Instant periodEnd = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        StripeSubscriber subscriber = activeStripeSubscriber("pro-month-usd", periodEnd);
        String path = "/api/billing/subscriptions/" + subscriber.subscriptionId();

        Answer canceled = post(path + "/cancel", subscriber.token(), Map.of("atPeriodEnd", true));
        Answer again = post(path + "/cancel", subscriber.token(), Map.of("atPeriodEnd", true));
        Answer undone = post(path + "/reactivate", subscriber.token(), Map.of());
        Answer nothingToUndo = post(path + "/reactivate", subscriber.token(), Map.of());
        Answer canceledAgain = post(path + "/cancel", subscriber.token(), Map.of("atPeriodEnd", true));

        assertThat(canceled.status()).isEqualTo(200);
        assertThat(again.status()).as("repeating changes nothing").isEqualTo(200);
        assertThat(undone.status()).as(undone.raw()).isEqualTo(200);
        assertThat(undone.body().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        assertThat(nothingToUndo.status()).isEqualTo(409);
        assertThat(nothingToUndo.body().path("type").asString()).endsWith("problems/invalid-state");
        assertThat(canceledAgain.body().path("cancelAtPeriodEnd").asBoolean()).isTrue();

        List<FakeServer.Request> calls = stripe().requests("POST", "/v1/subscriptions/" + subscriber.stripeSubscriptionId());
        assertThat(calls).extracting(call -> call.form().get("cancel_at_period_end"))
                .containsExactly("true", "false", "true");
        assertThat(calls).extracting(call -> call.header("Idempotency-Key")).doesNotHaveDuplicates();
        assertThat(publishedTypes(subscriber.userId())).containsExactly(
                "billing_subscription.cancellation_scheduled", "billing_subscription.cancellation_undone",
                "billing_subscription.cancellation_scheduled");
        JsonNode scheduled = published("billing_subscription.cancellation_scheduled", subscriber.userId()).getFirst();
        assertThat(Instant.parse(scheduled.path("cancelAt").asString())).isEqualTo(periodEnd);
        assertThat(scheduled.path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(scheduled.path("cause").asString()).isEqualTo("customer");
    }

    @Test
    void opsActingOnACustomersSubscriptionArePublishedAsOps() {
        StripeSubscriber subscriber = activeStripeSubscriber("basic-month-usd",
                Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS));

        Answer answer = post("/api/billing/subscriptions/" + subscriber.subscriptionId() + "/cancel",
                TestJwts.ops("ops-9"), Map.of("atPeriodEnd", false));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode canceled = published("billing_subscription.canceled", subscriber.userId()).getFirst();
        assertThat(canceled.path("cause").asString()).isEqualTo("ops");
        assertThat(canceled.path("status").asString()).isEqualTo("canceled");
        assertThat(stripe().requests("DELETE", "/v1/subscriptions/" + subscriber.stripeSubscriptionId())).hasSize(1);
    }

    @Test
    void aCancellationMadeAtStripeIsPublishedOnceWithTheProviderAsItsCause() {
        Instant periodEnd = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        StripeSubscriber subscriber = activeStripeSubscriber("pro-month-usd", periodEnd);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> canceling = new LinkedHashMap<>(stripeSubscriptionObject(subscriber, "active", periodEnd));
        canceling.put("cancel_at_period_end", true);
        String updated = id("evt");
        String deleted = id("evt");

        stripeWebhook(stripeEvent(updated, "customer.subscription.updated", canceling, now.plusSeconds(1)));
        awaitHandled("stripe", updated);
        String payload = stripeEvent(deleted, "customer.subscription.deleted",
                stripeSubscriptionObject(subscriber, "canceled", periodEnd), now.plusSeconds(2));
        stripeWebhook(payload);
        stripeWebhook(payload);
        awaitHandled("stripe", deleted);

        assertThat(publishedTypes(subscriber.userId())).containsExactly(
                "billing_subscription.cancellation_scheduled", "billing_subscription.canceled");
        assertThat(published("billing_subscription.cancellation_scheduled", subscriber.userId()).getFirst()
                .path("cause").asString()).isEqualTo("provider");
        JsonNode canceled = published("billing_subscription.canceled", subscriber.userId()).getFirst();
        assertThat(canceled.path("cause").asString()).isEqualTo("provider");
        assertThat(Instant.parse(canceled.path("canceledAt").asString())).isEqualTo(now.plusSeconds(2));
    }

    @Test
    void anEndDecidedInSubscriptionServiceStopsTheMirroredSubscriptionAtStripe() {
        StripeSubscriber mirrored = activeStripeSubscriber("pro-month-usd", Instant.now().plus(Duration.ofDays(9)));
        StripeSubscriber trialOnly = activeStripeSubscriber("basic-month-usd", Instant.now().plus(Duration.ofDays(9)));

        EventEnvelope canceled = upstream("subscription.canceled", mirrored.userId(), mirrored.subscriptionId());
        EventEnvelope trialEnded = upstream("subscription.expired", trialOnly.userId(), null);

        await().atMost(PATIENCE).until(() -> handled(canceled) && handled(trialEnded));
        assertThat(subscription(mirrored).path("status").asString()).isEqualTo("canceled");
        assertThat(stripe().requests("DELETE", "/v1/subscriptions/" + mirrored.stripeSubscriptionId())).hasSize(1);
        assertThat(published("billing_subscription.canceled", mirrored.userId()).getFirst().path("cause").asString())
                .isEqualTo("subscription_service");
        assertThat(subscription(trialOnly).path("status").asString())
                .as("a subscription-service subscription that mirrors no billing one stops nothing here")
                .isEqualTo("active");
        assertThat(stripe().requests("DELETE", "/v1/subscriptions/" + trialOnly.stripeSubscriptionId())).isEmpty();
    }

    private StripeSubscriber activeStripeSubscriber(String plan, Instant periodEnd) {
        StripeSubscriber subscriber = stripeSubscriber(plan);
        String event = id("evt");
        stripeWebhook(stripeEvent(event, "customer.subscription.created",
                stripeSubscriptionObject(subscriber, "active", periodEnd), Instant.now()));
        assertThat(awaitHandled("stripe", event)).isEqualTo("processed");
        return subscriber;
    }

    private JsonNode subscription(StripeSubscriber subscriber) {
        return get("/api/billing/subscriptions", subscriber.token()).body().get(0);
    }

    /** subscription-service's event, written to {@code aifa.subscription} as its outbox relay writes it. */
    private EventEnvelope upstream(String type, String userId, String billingSubscriptionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", UUID.randomUUID().toString());
        data.put("billingSubscriptionId", billingSubscriptionId);
        data.put("userId", userId);
        data.put("organisationId", null);
        data.put("status", type.endsWith("expired") ? "expired" : "canceled");
        data.put("tier", "pro");
        data.put("planCode", "pro-month-usd");
        data.put("occurredAt", Instant.now().toString());
        EventEnvelope envelope = new EventEnvelope(EventEnvelope.SPEC_VERSION, UUID.randomUUID().toString(),
                "/subscription-service", type, data.get("subscriptionId").toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "application/json", JSON.valueToTree(data), null);
        redis.opsForStream().add(StreamRecords.string(Map.of("event", JSON.writeValueAsString(envelope)))
                .withStreamKey(EventStreams.SUBSCRIPTION));
        return envelope;
    }

    private boolean handled(EventEnvelope envelope) {
        return count("select count(*) from event_inbox where consumer_group = 'billing-service' and event_id = ?",
                envelope.id()) == 1;
    }
}
